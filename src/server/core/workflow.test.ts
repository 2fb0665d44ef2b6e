import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/testApp.js';
import { inTransaction } from '../db/database.js';
import { verifyAuditTrail } from '../modules/platform/audit/auditTrail.js';
import { recordEffects, timelineOf } from '../modules/platform/timeline/timeline.js';
import { ANONYMOUS, type RequestContext } from './context.js';
import { AppError } from './errors.js';
import { actionsFrom, canMove, defineWorkflow, enter, move, nextStatus, type WorkflowEffects } from './workflow.js';

/** The kernel on a real table (organisations: pending, active, rejected, suspended) and the platform's effects. */
const transitions = {
  register: { from: [], to: 'pending' },
  approve: { from: ['pending'], to: 'active' },
  reject: { from: ['pending', 'suspended'], to: 'rejected' },
  toggle: { from: ['active', 'suspended'], to: { active: 'suspended', suspended: 'active' } },
} as const;
const workflow = defineWorkflow({ kind: 'test_organization', table: 'organizations', transitions, effects: recordEffects });

const ctx: RequestContext = {
  actor: { ...ANONYMOUS, kind: 'user', username: 'reviewer', role: 'office' },
  requestId: 'req-1',
  ip: null,
  locale: 'zh-CN',
};

// Never called: the lines that must not compile, checked by `npm run typecheck`.
export function typeChecks() {
  // @ts-expect-error an action the workflow does not declare
  canMove(workflow, 'pending', 'archive');
  // @ts-expect-error a status organisations do not have
  canMove(workflow, 'archived', 'approve');
  // @ts-expect-error a transition to a status outside the table
  defineWorkflow({ kind: 'x', table: 'organizations', transitions: { archive: { from: ['active'], to: 'archived' } }, effects: recordEffects });
  // @ts-expect-error a table without statuses
  defineWorkflow({ kind: 'x', table: 'notifications', transitions: {}, effects: recordEffects });
}

describe('workflows kernel', () => {
  let t: TestApp;
  let seq = 0;
  const db = () => t.deps.database.db;

  async function organization(status: 'pending' | 'active' | 'suspended' | 'rejected'): Promise<number> {
    const row = await db()
      .insertInto('organizations')
      .values({
        code: `wf-test-${++seq}`,
        name: `工作流测试企业${seq}`,
        kind: 'enterprise',
        status,
        division_code: null,
        credit_code: null,
        town_id: null,
        address: null,
        contact_name: null,
        contact_mobile_enc: null,
        contact_mobile_mask: null,
        review_note: null,
        reviewed_by: null,
        reviewed_at: null,
        is_demo: 0,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }
  const statusOf = async (id: number) => (await db().selectFrom('organizations').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const audits = (id: number) =>
    db()
      .selectFrom('audit_log')
      .select(['action', 'organization_id', 'before_json', 'after_json'])
      .where('entity', '=', 'test_organization')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
  const refusal = async (work: Promise<unknown>) => {
    const e = await work.then(
      () => expect.fail('the move was allowed'),
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  };

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('moves a record with its extra columns, one timeline entry, one audit record and its notification, in one transaction', async () => {
    const id = await organization('pending');
    const moved = await inTransaction(t.deps.database, (tx) =>
      move(tx, ctx, workflow, {
        id,
        action: 'approve',
        from: 'pending',
        set: { review_note: '材料齐全', reviewed_at: '2026-01-02T00:00:00.000Z' },
        note: '材料齐全',
        reasons: ['营业执照有效'],
        params: { score: 3 },
        organizationId: id,
        audit: { after: { note: '材料齐全' } },
        notify: (m) => ({ organizationId: id, kind: 'test_approved', params: { id }, link: null, dedupeKey: `test-approved:${id}:${m.timelineId}` }),
      }),
    );
    expect(moved).toMatchObject({ id, action: 'approve', from: 'pending', to: 'active' });
    const row = await db().selectFrom('organizations').select(['status', 'review_note', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
    expect(row.review_note).toBe('材料齐全');
    expect(row.updated_at > '2026-01-01T00:00:00.000Z').toBe(true);

    const timeline = await timelineOf(db(), workflow, id);
    expect(timeline).toEqual([
      expect.objectContaining({
        id: moved.timelineId,
        action: 'approve',
        fromStatus: 'pending',
        toStatus: 'active',
        actorRole: 'office',
        organizationId: id,
        note: '材料齐全',
        reasons: ['营业执照有效'],
        params: { score: 3 },
      }),
    ]);
    const [audit, ...more] = await audits(id);
    expect(more).toHaveLength(0);
    expect(audit!.action).toBe('approve');
    expect(Number(audit!.organization_id)).toBe(id);
    expect(JSON.parse(audit!.before_json!)).toEqual({ status: 'pending' });
    expect(JSON.parse(audit!.after_json!)).toEqual({ status: 'active', note: '材料齐全' });
    // The organisation has no members yet: it is recorded as told (organization_notifications), nobody has a copy.
    const notice = await db()
      .selectFrom('organization_notifications')
      .select(['kind', 'organization_id'])
      .where('dedupe_key', '=', `test-approved:${id}:${moved.timelineId}`)
      .executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ kind: 'test_approved' });
    expect((await verifyAuditTrail(db())).ok).toBe(true);
  });

  it('refuses a move the table does not declare from the record’s status (409 naming it) and writes nothing', async () => {
    const id = await organization('active');
    const e = await refusal(inTransaction(t.deps.database, (tx) => move(tx, ctx, workflow, { id, action: 'approve', from: 'active' })));
    expect(e).toMatchObject({ status: 409, code: 'INVALID_STATE', params: { state: 'active' } });
    expect(await statusOf(id)).toBe('active');
    expect(await timelineOf(db(), workflow, id)).toEqual([]);
    expect(await audits(id)).toEqual([]);
  });

  it('a record moved by somebody else since it was read is a 409 naming its status now', async () => {
    const id = await organization('rejected');
    // The caller read it pending (a legal start for approve); it has been rejected since.
    const e = await refusal(inTransaction(t.deps.database, (tx) => move(tx, ctx, workflow, { id, action: 'approve', from: 'pending' })));
    expect(e).toMatchObject({ status: 409, code: 'INVALID_STATE', params: { state: 'rejected' } });
    expect(await timelineOf(db(), workflow, id)).toEqual([]);
  });

  it('two officials deciding at once: one move wins, the other is a 409', async () => {
    const id = await organization('pending');
    const results = await Promise.allSettled([
      inTransaction(t.deps.database, (tx) => move(tx, ctx, workflow, { id, action: 'approve', from: 'pending' })),
      inTransaction(t.deps.database, (tx) => move(tx, ctx, workflow, { id, action: 'reject', from: 'pending' })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ status: 409, code: 'INVALID_STATE' });
    expect(await timelineOf(db(), workflow, id)).toHaveLength(1);
    expect(await audits(id)).toHaveLength(1);
  });

  it('a record that does not exist is a 404, whether or not the caller says what it read', async () => {
    for (const from of ['pending', undefined] as const) {
      const e = await refusal(inTransaction(t.deps.database, (tx) => move(tx, ctx, workflow, { id: 999_999, action: 'approve', from })));
      expect(e).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
  });

  it('without the status the caller read, the kernel reads it; a map decides where an action leads', async () => {
    const id = await organization('active');
    const toggle = () => inTransaction(t.deps.database, (tx) => move(tx, ctx, workflow, { id, action: 'toggle' }));
    expect((await toggle()).to).toBe('suspended');
    expect((await toggle()).to).toBe('active');
    expect((await timelineOf(db(), workflow, id)).map((e) => [e.fromStatus, e.toStatus])).toEqual([
      ['active', 'suspended'],
      ['suspended', 'active'],
    ]);
    const e = await refusal(inTransaction(t.deps.database, (tx) => move(tx, ctx, workflow, { id, action: 'reject' })));
    expect(e).toMatchObject({ status: 409, params: { state: 'active' } });
  });

  it('an effect that fails undoes the whole move', async () => {
    const id = await organization('pending');
    const failing: WorkflowEffects = {
      ...recordEffects,
      appendAudit: async () => {
        throw new Error('audit trail unavailable');
      },
    };
    const fragile = defineWorkflow({ kind: 'test_organization', table: 'organizations', transitions, effects: failing });
    await expect(inTransaction(t.deps.database, (tx) => move(tx, ctx, fragile, { id, action: 'approve', from: 'pending' }))).rejects.toThrow(
      'audit trail unavailable',
    );
    expect(await statusOf(id)).toBe('pending');
    expect(await timelineOf(db(), workflow, id)).toEqual([]);
  });

  it('enter records the first entry of a record just inserted; only an action with no `from` brings records in', async () => {
    const id = await organization('pending');
    const entered = await inTransaction(t.deps.database, (tx) => enter(tx, ctx, workflow, { id, action: 'register', notify: null }));
    expect(entered).toMatchObject({ from: null, to: 'pending' });
    expect((await timelineOf(db(), workflow, id)).map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([['register', null, 'pending']]);
    expect(JSON.parse((await audits(id))[0]!.before_json!)).toEqual({ status: null });
    await expect(inTransaction(t.deps.database, (tx) => enter(tx, ctx, workflow, { id, action: 'approve' }))).rejects.toThrow('does not bring records in');
  });

  it('answers which actions a status allows, for the views', () => {
    expect(canMove(workflow, 'pending', 'approve')).toBe(true);
    expect(canMove(workflow, 'active', 'approve')).toBe(false);
    expect(canMove(workflow, 'pending', 'register')).toBe(false);
    expect(nextStatus(workflow, 'suspended', 'toggle')).toBe('active');
    expect(actionsFrom(workflow, 'pending')).toEqual(['approve', 'reject']);
    expect(actionsFrom(workflow, 'suspended')).toEqual(['reject', 'toggle']);
    expect(actionsFrom(workflow, 'rejected')).toEqual([]);
    expect(() => nextStatus(workflow, 'rejected', 'toggle')).toThrow(
      expect.objectContaining({ status: 409, code: 'INVALID_STATE', params: { state: 'rejected' } }),
    );
  });

  it('refuses at declaration a map that leaves a starting status without a destination', () => {
    expect(() =>
      defineWorkflow({
        kind: 'broken',
        table: 'organizations',
        transitions: { toggle: { from: ['active', 'suspended'], to: { active: 'suspended' } } },
        effects: recordEffects,
      }),
    ).toThrow('toggle from suspended leads nowhere');
  });
});
