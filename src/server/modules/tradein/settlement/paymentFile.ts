import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction } from '../../../db/database.js';
import { addSheet, newWorkbook, workbookToBuffer } from '../../../http/excel.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { settlementBatchPolicy } from '../policies/settlementBatch.js';
import type { SettlementBatchStatus } from '../tables.js';
import type { ExportBatchesQuery } from './schema.js';
import { batchLines, loadBatch, selectBatchRows, type BatchRow } from './service.js';

const STATUS_ZH: Record<SettlementBatchStatus, string> = { draft: '草稿', approved: '商务局已审核', confirmed: '财政局已确认', paid: '已支付' };

/**
 * The payment file: one row per merchant batch with its payee, and the lines behind them. The layout and the
 * headers are the document 市财政局 works with, in Chinese whatever the caller's language. The bank account is
 * masked, except for 市财政局 (the payer), whose every full read is written to the audit trail.
 */
export async function paymentFile(
  deps: AppDeps,
  ctx: RequestContext,
  which: { batchId: number } | ExportBatchesQuery,
): Promise<{ filename: string; buffer: Buffer }> {
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'tradein');
  let rows: BatchRow[];
  let filename: string;
  if ('batchId' in which) {
    const b = await loadBatch(db, which.batchId);
    authorize(ctx.actor, settlementBatchPolicy, 'export', { grants, organization_id: Number(b.organization_id) }, which.batchId);
    rows = [b];
    filename = `结算付款清单-${b.period}-${Number(b.id)}.xlsx`;
  } else {
    authorize(ctx.actor, settlementBatchPolicy, 'export', { grants });
    let q = selectBatchRows(db).where('b.period', '=', which.period);
    if (which.programId) q = q.where('b.program_id', '=', which.programId);
    if (which.status) q = q.where('b.status', '=', which.status);
    rows = await q.orderBy('b.id').execute();
    filename = `结算付款清单-${which.period}.xlsx`;
  }
  const full = settlementBatchPolicy.can(ctx.actor, 'readFullAccount', { grants });
  const accounts = new Map<number, string>();
  if (full && rows.length)
    await inTransaction(deps.database, async (tx) => {
      for (const b of rows) {
        accounts.set(Number(b.id), deps.sealer.open(b.bank_account_enc));
        await appendAudit(tx, ctx, {
          entity: 'tradein_settlement_batch',
          entityId: Number(b.id),
          action: 'read_bank_account',
          organizationId: Number(b.organization_id),
          after: { purpose: 'payment_file', bankAccount: b.bank_account_mask },
        });
      }
    });
  type PaymentLine = Awaited<ReturnType<typeof batchLines>>[number] & { batch: BatchRow };
  const lines: PaymentLine[] = [];
  for (const b of rows) for (const l of await batchLines(db, Number(b.id))) lines.push({ batch: b, ...l });

  const workbook = newWorkbook();
  workbook.creator = 'Huanxin';
  workbook.created = new Date();
  const payees = addSheet(workbook, {
    name: '付款清单',
    columns: [
      { header: '批次号', value: (b: BatchRow) => Number(b.id), width: 8 },
      { header: '结算期', value: (b) => b.period, width: 10 },
      { header: '补贴活动', value: (b) => b.program_name, width: 24 },
      { header: '商户', value: (b) => b.merchant_name, width: 28 },
      { header: '开户银行', value: (b) => b.bank_name, width: 24 },
      { header: '户名', value: (b) => b.account_name, width: 28 },
      { header: '银行账号', value: (b) => accounts.get(Number(b.id)) ?? b.bank_account_mask, width: 26 },
      { header: '补贴笔数', value: (b) => b.subsidy_count, width: 10 },
      { header: '补贴金额（元）', value: (b) => Number(b.subsidy_fen) / 100, width: 14 },
      { header: '扣回笔数', value: (b) => b.clawback_count, width: 10 },
      { header: '扣回金额（元）', value: (b) => Number(b.clawback_fen) / 100, width: 14 },
      { header: '应付金额（元）', value: (b) => Number(b.net_fen) / 100, width: 14 },
      { header: '应付金额（分）', value: (b) => Number(b.net_fen), width: 14 },
      { header: '状态', value: (b) => STATUS_ZH[b.status], width: 12 },
      { header: '支付凭证号', value: (b) => b.payment_reference, width: 18 },
    ],
    rows,
  });
  // The account is text (a 19-digit number would lose digits as a number); 元 always shows two decimals.
  payees.getColumn(7).numFmt = '@';
  for (const c of [9, 11, 12]) payees.getColumn(c).numFmt = '#,##0.00';
  const totalRow = payees.addRow([
    '合计',
    null,
    null,
    null,
    null,
    null,
    null,
    rows.reduce((s, b) => s + b.subsidy_count, 0),
    rows.reduce((s, b) => s + Number(b.subsidy_fen), 0) / 100,
    rows.reduce((s, b) => s + b.clawback_count, 0),
    rows.reduce((s, b) => s + Number(b.clawback_fen), 0) / 100,
    rows.reduce((s, b) => s + Number(b.net_fen), 0) / 100,
    rows.reduce((s, b) => s + Number(b.net_fen), 0),
  ]);
  totalRow.font = { bold: true };
  const detail = addSheet(workbook, {
    name: '明细',
    columns: [
      { header: '批次号', value: (l: PaymentLine) => Number(l.batch.id), width: 8 },
      { header: '商户', value: (l) => l.batch.merchant_name, width: 28 },
      { header: '核销编号', value: (l) => l.redemptionId, width: 10 },
      { header: '类型', value: (l) => (l.kind === 'subsidy' ? '补贴' : '扣回'), width: 8 },
      { header: '品类', value: (l) => l.category, width: 16 },
      { header: '序列号', value: (l) => l.serialNumber, width: 22 },
      { header: '发票号码', value: (l) => l.invoiceNumber, width: 24 },
      { header: '成交价（元）', value: (l) => l.price / 100, width: 14 },
      { header: '金额（元）', value: (l) => l.amount / 100, width: 14 },
      { header: '金额（分）', value: (l) => l.amount, width: 14 },
      { header: '核销时间', value: (l) => l.redeemedAt, width: 24 },
      { header: '退货时间', value: (l) => l.reversedAt, width: 24 },
    ],
    rows: lines,
  });
  for (const c of [8, 9]) detail.getColumn(c).numFmt = '#,##0.00';
  return { filename, buffer: await workbookToBuffer(workbook) };
}
