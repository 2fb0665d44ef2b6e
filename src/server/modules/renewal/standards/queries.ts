import type { Actor } from '../../../core/context.js';
import { canMove } from '../../../core/workflow.js';
import type { Queryable } from '../../../db/database.js';
import { likePattern } from '../../../http/pagination.js';
import type { Grants } from '../../platform/grants/policy.js';
import { loose, type AnyClaimSpec, type ClaimRow } from './model.js';
import type { ClaimListQuery } from './schema.js';
import { EDITABLE } from './workflow.js';

/** A model's records with their organisation's and its town's names: what every list, view and export reads. */
export function selectClaims(db: Queryable, spec: AnyClaimSpec) {
  return loose(db)
    .selectFrom(`${spec.table} as c`)
    .innerJoin('organizations as o', 'o.id', 'c.organization_id')
    .leftJoin('organizations as t', 't.id', 'o.town_id')
    .selectAll('c')
    .select(['o.name as organization_name', 'o.town_id as town_id', 't.name as town_name']);
}
type ClaimQuery = ReturnType<typeof selectClaims>;

/** The list filters: status, town, organisation, year of the model's date, the model's own filters and a search. */
export function filterClaims(q: ClaimQuery, spec: AnyClaimSpec, f: ClaimListQuery & Record<string, unknown>): ClaimQuery {
  let out = q;
  if (f.status) out = out.where('c.status', '=', f.status);
  if (f.townId) out = out.where('o.town_id', '=', f.townId);
  if (f.organizationId) out = out.where('c.organization_id', '=', f.organizationId);
  if (f.year)
    out =
      spec.dateColumn === 'year'
        ? out.where('c.year', '=', f.year)
        : out.where(`c.${spec.dateColumn}`, '>=', `${f.year}-01-01`).where(`c.${spec.dateColumn}`, '<=', `${f.year}-12-31`);
  for (const [key, column] of Object.entries(spec.filters)) if (f[key] !== undefined && f[key] !== '') out = out.where(`c.${column}`, '=', f[key]);
  if (f.q) {
    const like = likePattern(f.q);
    out = out.where((eb) => eb.or([...spec.search.map((c) => eb(`c.${c}`, 'like', like)), eb('o.name', 'like', like)]));
  }
  return out;
}

export function sortClaims(q: ClaimQuery, spec: AnyClaimSpec, f: Pick<ClaimListQuery, 'sort' | 'order'>): ClaimQuery {
  const column = { createdAt: 'c.id', updatedAt: 'c.updated_at', date: `c.${spec.dateColumn}`, status: 'c.status', name: `c.${spec.nameColumn}` }[
    f.sort ?? 'createdAt'
  ];
  const order = f.order ?? 'desc';
  return column === 'c.id' ? q.orderBy('c.id', order) : q.orderBy(column, order).orderBy('c.id', order);
}

export const evidenceOf = (row: { evidence_json: string }) => JSON.parse(row.evidence_json) as number[];

/** What the reader may do now: the workflow allows it from the status and the policy lets the reader. */
export function actionsFor(actor: Actor, spec: AnyClaimSpec, row: ClaimRow, grants: Grants) {
  const record = { grants, organization_id: Number(row.organization_id), created_by: Number(row.created_by) };
  const may = (a: 'update' | 'submit' | 'confirm') => spec.policy.can(actor, a, record);
  const out: ('edit' | 'submit' | 'confirm' | 'return' | 'withdraw')[] = [];
  if (may('update') && (EDITABLE as readonly string[]).includes(row.status)) out.push('edit');
  if (may('submit') && canMove(spec.workflow, row.status as never, 'submit')) out.push('submit');
  if (may('confirm') && canMove(spec.workflow, row.status as never, 'confirm')) out.push('confirm', 'return');
  if (may('confirm') && canMove(spec.workflow, row.status as never, 'withdraw')) out.push('withdraw');
  return out;
}

/** The common view of a record, then the model's own fields. */
export function toClaimView(actor: Actor, spec: AnyClaimSpec, row: ClaimRow, grants: Grants) {
  return {
    id: Number(row.id),
    organizationId: Number(row.organization_id),
    organizationName: row.organization_name,
    townId: row.town_id === null ? null : Number(row.town_id),
    townName: row.town_name,
    status: row.status,
    note: row.note,
    returnReason: row.return_reason,
    withdrawReason: row.withdraw_reason,
    submittedAt: row.submitted_at,
    confirmedAt: row.confirmed_at,
    evidenceCount: evidenceOf(row).length,
    isDemo: Number(row.is_demo) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    actions: actionsFor(actor, spec, row, grants),
    ...spec.view(row),
  };
}
