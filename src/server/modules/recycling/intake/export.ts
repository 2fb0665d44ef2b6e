import { newWorkbook, setHeaderRow, workbookToBuffer } from '../../../http/excel.js';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { fieldError } from '../../../core/errors.js';
import { inTransaction } from '../../../db/database.js';
import { fenToDecimal } from '../../../../shared/money.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { intakePolicy } from '../policies/intake.js';
import { invoiceScope } from './service.js';
import { selectInvoices, toInvoiceView } from './queries.js';

/** Column headers and titles of the monthly reverse-invoice export, in both languages. */
function labels(zh: boolean) {
  return {
    sheet: zh ? '反向开票明细' : 'Reverse invoices',
    title: (month: string) => (zh ? `${month} 反向开票明细（自然人报废产品出售者）` : `Reverse invoices of ${month} (individual sellers of scrapped products)`),
    recycler: zh ? '回收企业' : 'Recycler',
    creditCode: zh ? '统一社会信用代码' : 'Unified credit code',
    rates: zh ? '征收率' : 'Rates used',
    rateText: (vat: string, tax: string) => (zh ? `增值税 ${vat}，个人所得税 ${tax}` : `VAT ${vat}, income tax ${tax}`),
    note: zh
      ? '金额单位：元。不含税金额 = 价税合计 ÷（1 + 增值税征收率），四舍五入至分；增值税 = 价税合计 − 不含税金额；个人所得税 = 不含税金额 × 税率，四舍五入至分。征收率待市税务局确认。'
      : 'Amounts in yuan. Amount excl. VAT = price ÷ (1 + VAT rate), rounded half-up to the fen; VAT = price − amount; income tax = amount × rate, rounded half-up to the fen. Rates to be confirmed by 市税务局.',
    columns: zh
      ? ['序号', '开票日期', '出售人姓名', '身份证号（脱敏）', '价税合计', '不含税金额', '增值税', '个人所得税', '实付出售人', '本年累计（不含税）']
      : ['No.', 'Date', 'Seller', 'ID number (masked)', 'Price incl. VAT', 'Amount excl. VAT', 'VAT', 'Income tax', 'Paid to seller', 'Seller’s year total'],
    total: zh ? '合计' : 'Total',
    count: (n: number) => (zh ? `${n} 张` : `${n} invoice${n === 1 ? '' : 's'}`),
  };
}

const percent = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : bp % 10 === 0 ? 1 : 2)}%`;
const yuan = (fen: number) => Number(fenToDecimal(fen));

/**
 * One recycler's issued reverse invoices of a month as a workbook it files with the tax office: who it is, the
 * rates used, one line per invoice and the totals. A recycler exports its own; officials name the recycler.
 */
export async function exportInvoices(deps: AppDeps, ctx: RequestContext, q: { month: string; recyclerId?: number | undefined }) {
  const scope = await invoiceScope(deps, ctx, q.recyclerId, 'exportInvoices');
  if (scope === undefined) throw fieldError('recyclerId', 'field.recycling.intakeRecyclerRequired');
  const db = deps.database.db;
  const org = await db.selectFrom('organizations').select(['name', 'credit_code']).where('id', '=', scope).executeTakeFirst();
  if (!org) throw fieldError('recyclerId', 'field.recycling.intakeRecyclerRequired');
  const rows = (
    await selectInvoices(db)
      .where('v.recycler_organization_id', '=', scope)
      .where('v.month', '=', q.month)
      .where('v.status', '=', 'issued')
      .orderBy('v.issued_on')
      .orderBy('v.id')
      .execute()
  ).map(toInvoiceView);
  const l = labels(ctx.locale === 'zh-CN');
  const wb = newWorkbook();
  wb.creator = 'Huanxin';
  wb.created = new Date();
  const ws = wb.addWorksheet(l.sheet, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [6, 12, 16, 22, 16, 18, 12, 12, 16, 20].map((width) => ({ width }));
  ws.mergeCells('A1:J1');
  ws.getCell('A1').value = l.title(q.month);
  ws.getCell('A1').font = { bold: true, size: 14 };
  const rates = [...new Set(rows.map((r) => l.rateText(percent(r.vatRateBp), percent(r.incomeTaxRateBp))))];
  const header: [string, string][] = [
    [l.recycler, org.name],
    [l.creditCode, org.credit_code ?? '—'],
    [l.rates, rates.length ? rates.join('；') : '—'],
  ];
  header.forEach(([k, v], i) => {
    ws.getCell(`A${i + 2}`).value = k;
    ws.getCell(`A${i + 2}`).font = { bold: true };
    ws.mergeCells(`A${i + 2}:B${i + 2}`);
    ws.mergeCells(`C${i + 2}:J${i + 2}`);
    ws.getCell(`C${i + 2}`).value = v;
  });
  const headRow = ws.getRow(6);
  setHeaderRow(ws, 6);
  headRow.values = l.columns;
  headRow.font = { bold: true };
  headRow.alignment = { wrapText: true, vertical: 'middle' };
  for (let c = 5; c <= 10; c++) headRow.getCell(c).alignment = { wrapText: true, vertical: 'middle', horizontal: 'right' };
  rows.forEach((r, i) =>
    ws.addRow([
      i + 1,
      r.issuedOn,
      r.sellerName,
      r.sellerIdMask,
      yuan(r.priceFen),
      yuan(r.amountFen),
      yuan(r.vatFen),
      yuan(r.incomeTaxFen),
      yuan(r.netPaidFen),
      yuan(r.yearTotalFen),
    ]),
  );
  const sum = (f: (r: (typeof rows)[number]) => number) => yuan(rows.reduce((n, r) => n + f(r), 0));
  const totalRow = ws.addRow([
    l.total,
    '',
    l.count(rows.length),
    '',
    sum((r) => r.priceFen),
    sum((r) => r.amountFen),
    sum((r) => r.vatFen),
    sum((r) => r.incomeTaxFen),
    sum((r) => r.netPaidFen),
    '',
  ]);
  totalRow.font = { bold: true };
  for (let c = 5; c <= 10; c++) ws.getColumn(c).numFmt = '#,##0.00';
  ws.getColumn(1).numFmt = '0';
  ws.getColumn(1).alignment = { horizontal: 'left' };
  ws.addRow([]);
  const noteRow = ws.addRow([l.note]);
  ws.mergeCells(`A${noteRow.number}:J${noteRow.number}`);
  noteRow.alignment = { wrapText: true };
  noteRow.height = 36;
  ws.views = [{ state: 'frozen', ySplit: 6 }];
  await inTransaction(deps.database, (tx) =>
    appendAudit(tx, ctx, {
      entity: intakePolicy.resource,
      entityId: null,
      action: 'exportInvoices',
      organizationId: scope,
      after: { month: q.month, recyclerId: scope, lines: rows.length },
    }),
  );
  return { buffer: await workbookToBuffer(wb), filename: `${l.sheet}-${org.name}-${q.month}.xlsx` };
}
