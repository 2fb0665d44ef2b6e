import type { Selectable, Transaction, Updateable } from 'kysely';
import type { Tx } from '../db/database.js';
import type { DatabaseSchema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import type { RequestContext } from './context.js';
import { invalidState, notFound } from './errors.js';

/**
 * The workflows kernel: a record kind declares its moves once — which action leads from which statuses to which —
 * and every move of every kind is applied the same way, in the caller's transaction:
 *
 *   UPDATE <table> SET status = <to>, … WHERE id = ? AND status = <the status the caller read>
 *
 * then one timeline entry, one audit record and, when asked, notifications. A move that changed no row was lost to
 * another request (409 INVALID_STATE naming the status the record is in now) or names no record (404), so two
 * officials acting on one record at once cannot both succeed.
 *
 * The timeline, the audit trail and notifications belong to the platform module, which core may not import: a
 * workflow is declared with the `WorkflowEffects` that write them (the platform's `recordEffects`).
 */

/** Tables whose rows move through statuses: a `status` column and an `updated_at` stamp (and a numeric key). */
export type StatusTable = {
  [T in keyof DatabaseSchema]: DatabaseSchema[T] extends { status: string; updated_at: string } ? T : never;
}[keyof DatabaseSchema];

/** The columns of a table that can key a record: numeric ones (`id`, or `redemption_id` of a one-to-one table). */
export type KeyColumn<T extends StatusTable> = {
  [C in keyof Selectable<DatabaseSchema[T]>]: Selectable<DatabaseSchema[T]>[C] extends number ? C : never;
}[keyof Selectable<DatabaseSchema[T]>] &
  string;

export type StatusOf<T extends StatusTable> = Selectable<DatabaseSchema[T]> extends { status: infer S extends string } ? S : never;

export interface TransitionSpec<S extends string> {
  /** The statuses the action may start from; none for the action that brings a new record in (see `enter`). */
  readonly from: readonly S[];
  /** Where the action leads; a map by starting status when that decides it (a returned report saved is `corrected`). */
  readonly to: S | { readonly [K in S]?: S };
}

/** One entry of a record's timeline, as the kernel hands it to the platform. */
export interface TimelineEntry {
  entity: string;
  entityId: number;
  action: string;
  from: string | null;
  to: string;
  /** The organisation the record belongs to, when it belongs to one. */
  organizationId: number | null;
  note: string | null;
  reasons: readonly string[];
  params: Record<string, unknown>;
}

export interface WorkflowAuditEntry {
  entity: string;
  entityId: number;
  action: string;
  /** Undefined: the actor's organisation (as the audit trail defaults it). */
  organizationId?: number | null;
  before: unknown;
  after: unknown;
}

export interface WorkflowNotification {
  /** To one user, or (userId null) to every member of an organisation. */
  userId?: number | null;
  organizationId?: number | null;
  kind: string;
  params?: Record<string, string | number>;
  link?: string | null;
  /** The same key never notifies twice. */
  dedupeKey: string;
}

/** What a move writes besides the record, inside the same transaction. */
export interface WorkflowEffects {
  /** Appends the entry to the record's timeline and returns its id (notifications key on it). */
  appendTimeline(tx: Tx, ctx: RequestContext, entry: TimelineEntry): Promise<number>;
  appendAudit(tx: Tx, ctx: RequestContext, entry: WorkflowAuditEntry): Promise<void>;
  notify(tx: Tx, notification: WorkflowNotification): Promise<unknown>;
  /** Many entries in a few statements (`enterMany`); without it, one by one. */
  appendTimelines?(tx: Tx, ctx: RequestContext, entries: readonly TimelineEntry[]): Promise<void>;
  appendAudits?(tx: Tx, ctx: RequestContext, entries: readonly WorkflowAuditEntry[]): Promise<void>;
}

export interface WorkflowSpec<T extends StatusTable, A extends string> {
  /** The record kind: the timeline's and the audit trail's entity name (`tradein_merchant`). */
  kind: string;
  table: T;
  /** The column a record is found by; `id` unless the table is keyed by another record's id (checked by defineWorkflow). */
  key?: string;
  transitions: { readonly [K in A]: TransitionSpec<StatusOf<T>> };
  effects: WorkflowEffects;
}

export type Workflow<T extends StatusTable = StatusTable, A extends string = string> = Readonly<WorkflowSpec<T, A>>;
export type WorkflowStatus<W> = W extends Workflow<infer T, string> ? StatusOf<T> : never;
export type WorkflowAction<W> = W extends Workflow<StatusTable, infer A> ? A : never;

export function defineWorkflow<T extends StatusTable, A extends string>(spec: WorkflowSpec<T, A> & { key?: KeyColumn<T> }): Workflow<T, A> {
  // A map-valued `to` must answer for every status the action starts from; say so at start-up, not on the first move.
  for (const [action, t] of Object.entries(spec.transitions) as [string, TransitionSpec<string>][]) {
    if (typeof t.to === 'string') continue;
    const to = t.to as Record<string, string | undefined>;
    for (const from of t.from) if (!to[from]) throw new Error(`Workflow ${spec.kind}: ${action} from ${from} leads nowhere`);
  }
  return Object.freeze({ ...spec, transitions: Object.freeze({ ...spec.transitions }) });
}

function target<T extends StatusTable, A extends string>(workflow: Workflow<T, A>, from: StatusOf<T>, action: A): StatusOf<T> | undefined {
  const t = workflow.transitions[action] as TransitionSpec<StatusOf<T>> | undefined;
  // The types admit declared actions only; a name that arrives unchecked is a programming error, not a 409.
  if (!t) throw new Error(`Workflow ${workflow.kind} has no action ${action}`);
  if (!t.from.includes(from)) return undefined;
  return typeof t.to === 'string' ? t.to : (t.to as { readonly [K in StatusOf<T>]?: StatusOf<T> })[from];
}

/** Whether `action` may be taken from `status` (for views that show what can be done now). */
export function canMove<T extends StatusTable, A extends string>(workflow: Workflow<T, A>, status: StatusOf<T>, action: A): boolean {
  return target(workflow, status, action) !== undefined;
}

/** The status `action` leads to from `status`, or the 409 INVALID_STATE naming `status`. */
export function nextStatus<T extends StatusTable, A extends string>(workflow: Workflow<T, A>, status: StatusOf<T>, action: A): StatusOf<T> {
  const to = target(workflow, status, action);
  if (to === undefined) throw invalidState(status);
  return to;
}

/** The actions that may be taken from `status`, in the order they are declared. */
export function actionsFrom<T extends StatusTable, A extends string>(workflow: Workflow<T, A>, status: StatusOf<T>): A[] {
  return (Object.keys(workflow.transitions) as A[]).filter((a) => canMove(workflow, status, a));
}

type Notifications = WorkflowNotification | readonly WorkflowNotification[] | null;

export interface Moved<S extends string> {
  id: number;
  action: string;
  from: S | null;
  to: S;
  /** The timeline entry written, for notification dedupe keys. */
  timelineId: number;
}

/** What a move records besides the new status. */
interface Recorded<S extends string> {
  /** Shown on the timeline (an approval note, a payment reference). */
  note?: string | null | undefined;
  /** The reasons given for a decision, shown on the timeline. */
  reasons?: readonly string[] | undefined;
  /** Further facts of the move kept on the timeline (a report's value). */
  params?: Record<string, unknown> | undefined;
  /** The organisation the record belongs to: on the timeline, and the audit record's (default: the actor's). */
  organizationId?: number | null | undefined;
  /** Merged after `{ status }` into the audit record's before/after; `action` names the audit action when it differs. */
  audit?: { action?: string; before?: object | undefined; after?: object | undefined } | undefined;
  notify?: Notifications | ((moved: Moved<S>) => Notifications) | undefined;
}

export interface MoveInput<T extends StatusTable, A extends string> extends Recorded<StatusOf<T>> {
  id: number;
  action: A;
  /**
   * The status the caller read the record in (and checked whatever else it checks against). The move applies only
   * while the record is still in it. Omitted, the kernel reads the current status first.
   */
  from?: StatusOf<T> | undefined;
  /** Further columns the move writes (who decided, when, a reason); `updated_at` is stamped unless given. */
  set?: Omit<Updateable<DatabaseSchema[T]>, 'status'> | undefined;
}

/**
 * The table comes from the declaration, so Kysely sees a union of tables it cannot check a statement against. The
 * kernel touches only the columns every `StatusTable` has (id, status, updated_at) and hands over the caller's
 * `set`, already typed against the right table by `MoveInput`; this is the one place that view is taken.
 */
// The key column is named by the declaration (`id` by default); here it is called `key`.
type StatusRows = Record<string, { key: number; status: string; updated_at: string }>;
const statusRows = (tx: Tx) => tx as unknown as Transaction<StatusRows>;
const keyOf = (workflow: { key?: string | undefined }) => (workflow.key ?? 'id') as 'key';

async function currentStatus(tx: Tx, workflow: { table: string; key?: string | undefined }, id: number): Promise<string | undefined> {
  const row = await statusRows(tx).selectFrom(workflow.table).select('status').where(keyOf(workflow), '=', id).executeTakeFirst();
  return row?.status;
}

/** Applies one move of `workflow` to one record (see the file's comment); returns what was moved. */
export async function move<T extends StatusTable, A extends string>(
  tx: Tx,
  ctx: RequestContext,
  workflow: Workflow<T, A>,
  input: MoveInput<T, A>,
): Promise<Moved<StatusOf<T>>> {
  type S = StatusOf<T>;
  const from = (input.from ?? (await currentStatus(tx, workflow, input.id))) as S | undefined;
  if (from === undefined) throw notFound();
  const to = nextStatus(workflow, from, input.action);
  const moved = await statusRows(tx)
    .updateTable(workflow.table as string)
    .set({ updated_at: nowIso(), ...(input.set as object | undefined), status: to })
    .where(keyOf(workflow), '=', input.id)
    .where('status', '=', from)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) {
    const now = await currentStatus(tx, workflow, input.id);
    throw now === undefined ? notFound() : invalidState(now);
  }
  return record(tx, ctx, workflow, input.id, input.action, from, to, input);
}

/**
 * Records that a new record entered the workflow through `action` (one declared with no `from`), after the caller
 * inserted it in `to`'s status: the first timeline entry, the audit record and the notifications.
 */
export async function enter<T extends StatusTable, A extends string>(
  tx: Tx,
  ctx: RequestContext,
  workflow: Workflow<T, A>,
  input: Recorded<StatusOf<T>> & { id: number; action: A },
): Promise<Moved<StatusOf<T>>> {
  const t = workflow.transitions[input.action];
  if (t.from.length > 0 || typeof t.to !== 'string') throw new Error(`Workflow ${workflow.kind}: ${input.action} does not bring records in`);
  return record(tx, ctx, workflow, input.id, input.action, null, t.to, input);
}

/**
 * Brings many new records in at once (an import): the same timeline entries and audit records as `enter` for
 * each, written in a few statements when the effects can batch. No notifications: an import is announced once by
 * its caller, not per row.
 */
export async function enterMany<T extends StatusTable, A extends string>(
  tx: Tx,
  ctx: RequestContext,
  workflow: Workflow<T, A>,
  inputs: readonly (Omit<Recorded<StatusOf<T>>, 'notify'> & { id: number; action: A })[],
): Promise<void> {
  const { effects, kind } = workflow;
  const entries = inputs.map((input) => {
    const t = workflow.transitions[input.action];
    if (t.from.length > 0 || typeof t.to !== 'string') throw new Error(`Workflow ${kind}: ${input.action} does not bring records in`);
    const timeline: TimelineEntry = {
      entity: kind,
      entityId: input.id,
      action: input.action,
      from: null,
      to: t.to,
      organizationId: input.organizationId ?? null,
      note: input.note ?? null,
      reasons: input.reasons ?? [],
      params: input.params ?? {},
    };
    const audit: WorkflowAuditEntry = {
      entity: kind,
      entityId: input.id,
      action: input.audit?.action ?? input.action,
      ...(input.organizationId !== undefined ? { organizationId: input.organizationId } : {}),
      before: { status: null, ...input.audit?.before },
      after: { status: t.to, ...input.audit?.after },
    };
    return { timeline, audit };
  });
  if (!entries.length) return;
  if (effects.appendTimelines)
    await effects.appendTimelines(
      tx,
      ctx,
      entries.map((e) => e.timeline),
    );
  else for (const e of entries) await effects.appendTimeline(tx, ctx, e.timeline);
  if (effects.appendAudits)
    await effects.appendAudits(
      tx,
      ctx,
      entries.map((e) => e.audit),
    );
  else for (const e of entries) await effects.appendAudit(tx, ctx, e.audit);
}

async function record<T extends StatusTable, A extends string>(
  tx: Tx,
  ctx: RequestContext,
  workflow: Workflow<T, A>,
  id: number,
  action: A,
  from: StatusOf<T> | null,
  to: StatusOf<T>,
  input: Recorded<StatusOf<T>>,
): Promise<Moved<StatusOf<T>>> {
  const { effects, kind } = workflow;
  const note = input.note ?? null;
  const reasons = input.reasons ?? [];
  const timelineId = await effects.appendTimeline(tx, ctx, {
    entity: kind,
    entityId: id,
    action,
    from,
    to,
    organizationId: input.organizationId ?? null,
    note,
    reasons,
    params: input.params ?? {},
  });
  await effects.appendAudit(tx, ctx, {
    entity: kind,
    entityId: id,
    action: input.audit?.action ?? action,
    ...(input.organizationId !== undefined ? { organizationId: input.organizationId } : {}),
    before: { status: from, ...input.audit?.before },
    after: { status: to, ...input.audit?.after },
  });
  const moved: Moved<StatusOf<T>> = { id, action, from, to, timelineId };
  const wanted = typeof input.notify === 'function' ? input.notify(moved) : input.notify;
  for (const n of wanted === null || wanted === undefined ? [] : Array.isArray(wanted) ? wanted : [wanted as WorkflowNotification]) await effects.notify(tx, n);
  return moved;
}
