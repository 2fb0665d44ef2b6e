import { describe, expect, it } from 'vitest';
import { workbookBuffer } from '../../src/server/http/excel.js';
import { emptyBriefing } from '../../src/server/modules/plan/briefing/testSupport.js';
import { monthlyBriefingDocx } from '../../src/server/modules/plan/briefing/service.js';
import type { PlanAlert } from '../../src/server/modules/plan/supervision/alerts.js';
import { LIBREOFFICE, MISSING_MESSAGE, pageText, pageWords, pagePixels, pdfFonts, pdfInfo, toPdf } from './libreoffice.js';

const A4 = { short: 595.3, long: 841.9 };
const MM = 72 / 25.4;

if (!LIBREOFFICE) console.warn(`test/documents skipped: ${MISSING_MESSAGE}`);

describe.skipIf(!LIBREOFFICE)('documents as LibreOffice prints them', () => {
  it('prints the monthly briefing as a 简报: A4 portrait, red 版头, CJK fonts, the 版心 and outside page numbers', async () => {
    const alerts: PlanAlert[] = Array.from({ length: 18 }, (_, i) => ({
      subject: 'indicator',
      subjectId: i + 1,
      colour: i < 6 ? 'red' : i < 12 ? 'yellow' : 'blue',
      title: `第${i + 1}项指标`,
      organizationId: 1,
      unitName: '市工信局',
      reason: 'plan.alert.reason.behindSchedule',
      params: { progress: 20, schedule: 40 },
    }));
    const { pdf } = toPdf('briefing.docx', await monthlyBriefingDocx(emptyBriefing(alerts)));
    const info = pdfInfo(pdf);
    expect(info.width).toBeCloseTo(A4.short, 0);
    expect(info.height).toBeCloseTo(A4.long, 0);
    // 版头, title and summary; the charts and tables; eighteen alerts; next steps and the 版记.
    expect(info.pages).toBe(4);
    expect(pdfFonts(pdf)).toMatch(/CJK/);
    expect(pageText(pdf, 1)).toContain('简');
    expect(pageText(pdf, info.pages)).toContain('印发');

    for (let page = 1; page <= info.pages; page++) {
      const words = pageWords(pdf, page);
      // The page number "— n —" sits below the 版心, right on odd pages and left on even ones.
      const number = words.find((w) => w.text === String(page) && w.yMin > A4.long - 35 * MM);
      expect(number, `page ${page} number`).toBeDefined();
      if (page % 2 === 1) expect(number!.xMin, `page ${page}`).toBeGreaterThan(A4.short * 0.75);
      else expect(number!.xMax, `page ${page}`).toBeLessThan(A4.short * 0.25);
      // The text stays inside the 版心: 28 mm from the left edge, 156 mm wide, from 37 mm down.
      const inside = words.filter((w) => w !== number && w.yMin < A4.long - 35 * MM);
      expect(Math.min(...inside.map((w) => w.xMin)), `page ${page} left`).toBeGreaterThan(28 * MM - 2);
      // A line may end in a comma or stop that hangs past the edge (避头尾 hanging punctuation): one character more.
      expect(Math.max(...inside.map((w) => w.xMax)), `page ${page} right`).toBeLessThan((28 + 156) * MM + 16.5);
      expect(Math.max(...inside.filter((w) => !/[，。、；：）”]$/.test(w.text)).map((w) => w.xMax)), `page ${page} right`).toBeLessThan((28 + 156) * MM + 2);
      expect(Math.min(...inside.map((w) => w.yMin)), `page ${page} top`).toBeGreaterThan(37 * MM - 4);
    }

    // The 发文机关标志 is red: count strongly red pixels in the top fifth of page 1.
    const img = pagePixels(pdf, 1);
    let red = 0;
    for (let y = 0; y < img.height / 5; y++)
      for (let x = 0; x < img.width; x++) {
        const [r, g, b] = img.pixel(x, y);
        if (r > 200 && g < 90 && b < 90) red += 1;
      }
    expect(red).toBeGreaterThan(200);
  });

  it('prints an Excel export on A4 landscape, one page wide, the header on every page', async () => {
    const headers = [
      '序号',
      '统一社会信用代码',
      '企业名称',
      '所在镇（街道）',
      '行业',
      '项目名称',
      '总投资（万元）',
      '设备投资（万元）',
      '开工日期',
      '竣工日期',
      '牵头单位',
      '联系人',
      '联系电话',
      '备注说明',
    ];
    const rows = Array.from({ length: 160 }, (_, i) => i);
    const buffer = await workbookBuffer({
      name: '项目清单',
      rows,
      columns: headers.map((header, c) => ({
        header,
        value: (i: number) =>
          c === 0 ? i + 1 : c === 2 ? `晋江市第${i + 1}号纺织服装有限公司` : c === 13 ? '按计划推进，设备已到货待安装调试' : `${header}${i}`,
      })),
    });
    const { pdf } = toPdf('export.xlsx', buffer);
    const info = pdfInfo(pdf);
    expect(info.width).toBeCloseTo(A4.long, 0);
    expect(info.height).toBeCloseTo(A4.short, 0);
    expect(info.pages).toBeGreaterThan(1);
    for (let page = 1; page <= info.pages; page++) {
      const text = pageText(pdf, page);
      // One page wide: the first and the last column on every page; the header repeated above them.
      expect(text, `page ${page}`).toContain('统一社会信用代码');
      expect(text, `page ${page}`).toContain('备注说明');
      expect(text, `page ${page}`).toMatch(new RegExp(`(^|\\D)${page}\\s*/\\s*${info.pages}(\\D|$)`));
    }
    expect(pdfFonts(pdf)).toMatch(/CJK/);
  });
});
