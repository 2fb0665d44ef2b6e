import { describe, expect, it } from 'vitest';
import type { PlanAlert } from '../supervision/alerts.js';
import { emptyBriefing, unzipEntry } from './testSupport.js';
import { CHAR_PITCH, CHARS_PER_LINE, LINE_PITCH, LINES_PER_PAGE, MARGIN, PAGE, TEXT_WIDTH, titleLines } from './layout.js';
import { monthlyBriefingDocx } from './service.js';

const MM = 1440 / 25.4;

describe('briefing layout (GB/T 9704-2012)', () => {
  it('has the standard page: A4, 天头 37 mm, 订口 28 mm, a 156 × 225 mm 版心 of 22 lines × 28 characters', () => {
    expect(Math.round(PAGE.width / MM)).toBe(210);
    expect(Math.round(PAGE.height / MM)).toBe(297);
    expect(Math.round(MARGIN.top / MM)).toBe(37);
    expect(Math.round(MARGIN.left / MM)).toBe(28);
    expect(Math.round(TEXT_WIDTH / MM)).toBe(156);
    expect(Math.round((PAGE.height - MARGIN.top - MARGIN.bottom) / MM)).toBe(225);
    expect(LINE_PITCH * LINES_PER_PAGE).toBeLessThanOrEqual(PAGE.height - MARGIN.top - MARGIN.bottom);
    expect(LINE_PITCH / 20).toBeCloseTo(28.95, 1);
    expect(CHAR_PITCH * CHARS_PER_LINE).toBeLessThanOrEqual(TEXT_WIDTH);
  });

  it('breaks long titles evenly and never inside a year', () => {
    const lines = titleLines('晋江市推动大规模设备更新和消费品以旧换新行动工作方案2025年2月工作进展情况', 20);
    expect(lines.length).toBe(2);
    expect(lines.join('')).toBe('晋江市推动大规模设备更新和消费品以旧换新行动工作方案2025年2月工作进展情况');
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(20);
    expect(titleLines('2025年第2期', 20)).toEqual(['2025年第2期']);
  });

  it('writes the page, fonts, outside page numbers and 版记, with or without standing alerts', async () => {
    const none = await monthlyBriefingDocx(emptyBriefing([]));
    const quiet = unzipEntry(none, 'word/document.xml')!.toString('utf8');
    expect(quiet).toContain('无在督办的三色预警事项');
    expect(quiet).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(quiet).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(quiet).toContain(`w:linePitch="${LINE_PITCH}"`);
    expect(quiet).toContain('<w:footerReference w:type="even"');
    expect(quiet).toContain('抄送：');
    expect(unzipEntry(none, 'word/settings.xml')!.toString('utf8')).toContain('<w:evenAndOddHeaders/>');
    const fonts = unzipEntry(none, 'word/fontTable.xml')!.toString('utf8');
    for (const f of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312', '宋体']) expect(fonts).toContain(`w:name="${f}"`);
    const styles = unzipEntry(none, 'word/styles.xml')!.toString('utf8');
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');

    const alerts: PlanAlert[] = [
      {
        subject: 'indicator',
        subjectId: 1,
        colour: 'yellow',
        title: '技改投资',
        organizationId: 2,
        unitName: '市工信局',
        reason: 'plan.alert.reason.behindSchedule',
        params: { progress: 20, schedule: 40 },
      },
      {
        subject: 'order',
        subjectId: 7,
        colour: 'red',
        title: '加快汽车报废更新补贴审核',
        organizationId: 3,
        unitName: '市商务局',
        reason: 'plan.alert.reason.orderOverdue',
        params: { deadline: '2025-03-01', days: 4 },
      },
    ];
    const xml = unzipEntry(await monthlyBriefingDocx(emptyBriefing(alerts)), 'word/document.xml')!.toString('utf8');
    expect(xml).toContain('三色预警事项共2项，其中红色预警（逾期）1项、黄色预警（滞后于序时进度）1项、蓝色预警（临近期限）0项');
    // Red first, each with its unit and its reason in words.
    expect(xml.indexOf('督办单：加快汽车报废更新补贴审核')).toBeLessThan(xml.indexOf('技改投资'));
    expect(xml).toContain('市工信局');
    expect(xml).not.toContain('plan.alert.reason');
  });
});
