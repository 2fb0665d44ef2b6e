import { sql } from 'kysely';
import type { RequestContext } from '../../../../core/context.js';
import type { AppDeps } from '../../../../core/deps.js';
import { inTransaction } from '../../../../db/database.js';
import { acceptReport } from '../../reporting/reports/service.js';
import type { PendingAcceptance } from './writeMonth.js';

const OFFICE: RequestContext = {
  actor: { kind: 'user', userId: null, username: 'seed-demo', role: 'office', organizationId: null, organizationKind: 'office', townId: null, sessionId: null },
  requestId: null,
  ip: null,
  locale: 'zh-CN',
};

/**
 * The office accepts the city's figures through the reporting service, so that what acceptance maintains (the
 * indicator's reported baseline, the dashboard's observations, the timeline, the audit trail, the unit's notice)
 * is written as for any acceptance. The service stamps now; the report and its timeline entry are then dated
 * when the story says the office accepted (the audit trail keeps the real instant).
 */
export async function acceptThroughService(deps: AppDeps, accepted: readonly PendingAcceptance[]): Promise<void> {
  for (const a of accepted) await acceptReport(deps, OFFICE, a.reportId);
  for (let i = 0; i < accepted.length; i += 100) {
    const slice = accepted.slice(i, i + 100);
    const ids = slice.map((a) => a.reportId);
    const when = sql.join(
      slice.map((a) => sql`when ${a.reportId} then ${new Date(a.at).toISOString()}`),
      sql` `,
    );
    await inTransaction(deps.database, async (tx) => {
      await tx
        .updateTable('plan_reports')
        .set({ accepted_at: sql<string>`case id ${when} end`, updated_at: sql<string>`case id ${when} end` })
        .where('id', 'in', ids)
        .execute();
      await tx
        .updateTable('record_timeline')
        .set({ at: sql<string>`case entity_id ${when} end` })
        .where('entity', '=', 'plan_report')
        .where('action', '=', 'accept')
        .where('entity_id', 'in', ids)
        .execute();
    });
  }
}
