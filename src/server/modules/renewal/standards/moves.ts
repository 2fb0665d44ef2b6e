import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { move, type Moved, type WorkflowNotification } from '../../../core/workflow.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { grantedOrganizations } from '../../platform/grants/service.js';
import type { AnyClaimSpec, ClaimRow } from './model.js';
import { evidenceOf } from './queries.js';
import { getClaim, loadClaim, recordOf } from './service.js';
import type { ClaimAction } from './workflow.js';

const LINKS = { enterprise: '/renewal/standards/mine', confirmers: '/renewal/standards' };

/** Who hears of a move: the record's organisation, or the organisations holding the model's grant; each once per entry. */
async function notices(tx: Tx, spec: AnyClaimSpec, row: ClaimRow, kind: string, to: 'enterprise' | 'confirmers', params: Record<string, string> = {}) {
  const organizations = to === 'enterprise' ? [Number(row.organization_id)] : await grantedOrganizations(tx, spec.domain, 'manage');
  return (m: Moved<string>): WorkflowNotification[] =>
    organizations.map((organizationId) => ({
      userId: null,
      organizationId,
      kind,
      params: { model: spec.model, organization: row.organization_name, ...params },
      link: `${LINKS[to]}?tab=${spec.model}&id=${row.id}`,
      dedupeKey: `renewal:${spec.model}:${row.id}:timeline:${m.timelineId}:${organizationId}`,
    }));
}

interface MoveRest {
  set: Record<string, unknown>;
  note?: string | null;
  reasons?: string[];
  notify: (m: Moved<string>) => WorkflowNotification[];
}

async function moveClaim(
  deps: AppDeps,
  ctx: RequestContext,
  spec: AnyClaimSpec,
  id: number,
  action: Exclude<ClaimAction, 'draft'>,
  work: (tx: Tx, row: ClaimRow) => Promise<MoveRest>,
) {
  await inTransaction(deps.database, async (tx) => {
    const row = await loadClaim(tx, spec, id);
    const organizationId = Number(row.organization_id);
    authorize(ctx.actor, spec.policy, action === 'submit' ? 'submit' : 'confirm', await recordOf(tx, ctx, spec, row), id);
    const rest = await work(tx, row);
    // `set` holds columns every claim table has (the spec's workflow is typed against one of them).
    await move(tx, ctx, spec.workflow, { ...rest, set: rest.set as never, id, action, from: row.status as never, organizationId });
  });
  return getClaim(deps, ctx, spec, id);
}

/** The organisation submits its record with evidence (at least one file) to the model's confirmer. */
export const submitClaim = (deps: AppDeps, ctx: RequestContext, spec: AnyClaimSpec, id: number) =>
  moveClaim(deps, ctx, spec, id, 'submit', async (tx, row) => {
    if (evidenceOf(row).length === 0) throw badRequest([{ path: 'evidence', reason: 'field.renewal.standards.evidenceRequired' }]);
    return {
      set: { submitted_at: nowIso(), return_reason: null, withdraw_reason: null },
      notify: await notices(tx, spec, row, 'renewal_claim_submitted', 'confirmers'),
    };
  });

/** The department holding the model's grant confirms it (it then counts in the figures). */
export const confirmClaim = (deps: AppDeps, ctx: RequestContext, spec: AnyClaimSpec, id: number, note?: string) =>
  moveClaim(deps, ctx, spec, id, 'confirm', async (tx, row) => ({
    set: { confirmed_at: nowIso(), confirmed_by: ctx.actor.userId, confirmed_by_organization_id: ctx.actor.organizationId },
    note: note ?? null,
    notify: await notices(tx, spec, row, 'renewal_claim_confirmed', 'enterprise'),
  }));

/** …or returns it with a reason; the organisation edits it and submits again. */
export const returnClaim = (deps: AppDeps, ctx: RequestContext, spec: AnyClaimSpec, id: number, reason: string) =>
  moveClaim(deps, ctx, spec, id, 'return', async (tx, row) => ({
    set: { return_reason: reason },
    reasons: [reason],
    notify: await notices(tx, spec, row, 'renewal_claim_returned', 'enterprise', { reason }),
  }));

/** A confirmed record found wrong is withdrawn with a reason: it no longer counts; its organisation may correct it. */
export const withdrawClaim = (deps: AppDeps, ctx: RequestContext, spec: AnyClaimSpec, id: number, reason: string) =>
  moveClaim(deps, ctx, spec, id, 'withdraw', async (tx, row) => ({
    set: { withdraw_reason: reason, confirmed_at: null, confirmed_by: null, confirmed_by_organization_id: null },
    reasons: [reason],
    notify: await notices(tx, spec, row, 'renewal_claim_withdrawn', 'enterprise', { reason }),
  }));
