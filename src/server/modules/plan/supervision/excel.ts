import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { translate } from '../../../core/messages.js';
import { workbookBuffer } from '../../../http/excel.js';
import type { OrderExportQuery, OrderView } from './schema.js';
import { listOrdersForExport } from './service.js';

/** The orders the list shows, in its order, one row each, headed in the caller's language. */
export async function exportOrders(deps: AppDeps, ctx: RequestContext, q: OrderExportQuery): Promise<Buffer> {
  const rows = await listOrdersForExport(deps, ctx, q);
  const l = (k: Parameters<typeof translate>[1]) => translate(ctx.locale, k);
  return workbookBuffer<OrderView>({
    name: l('plan.order.sheet'),
    rows,
    columns: [
      { header: l('plan.order.col.id'), value: (r) => r.id, width: 8 },
      { header: l('plan.order.col.subject'), value: (r) => `${l(`plan.order.subject.${r.subject}`)} ${r.subjectTitle}`, width: 36 },
      { header: l('plan.order.col.unit'), value: (r) => r.organization.name, width: 18 },
      { header: l('plan.order.col.matter'), value: (r) => r.matter, width: 36 },
      { header: l('plan.order.col.requirement'), value: (r) => r.requirement, width: 36 },
      { header: l('plan.order.col.deadline'), value: (r) => r.deadlineDate, width: 12 },
      { header: l('plan.order.col.status'), value: (r) => l(`plan.order.status.${r.status}`), width: 10 },
      { header: l('plan.order.col.overdue'), value: (r) => (r.overdue ? l('plan.order.yes') : ''), width: 8 },
      { header: l('plan.order.col.colour'), value: (r) => (r.colour ? l(`plan.alert.colour.${r.colour}`) : ''), width: 8 },
      { header: l('plan.order.col.feedback'), value: (r) => r.feedback, width: 40 },
      { header: l('plan.order.col.issuedAt'), value: (r) => r.issuedAt, width: 22 },
      { header: l('plan.order.col.closedAt'), value: (r) => r.closedAt, width: 22 },
    ],
  });
}
