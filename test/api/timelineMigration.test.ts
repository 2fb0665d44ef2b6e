import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrations.js';
import { carApplicationWorkflow } from '../../src/server/modules/cartradein/applications/stateMachine.js';
import { ALL_MIGRATIONS } from '../../src/server/modules/migrations.js';
import { planReportWorkflow } from '../../src/server/modules/plan/reporting/reports/workflow.js';
import { timelineOf } from '../../src/server/modules/platform/timeline/timeline.js';
import { riskReviewWorkflow } from '../../src/server/modules/tradein/risk/reviewWorkflow.js';

/**
 * An installation upgraded from before the one timeline: the car applications', the plan reports' and the risk reviews' own
 * timelines hold entries (more than one page of the copy), the upgrade moves every one of them into
 * record_timeline, in order and with every field, and drops the old tables.
 */
const FIRST_TIMELINE_MIGRATION = '20261201_1100_platform_record_timeline';
const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL! : null;

async function admin(text: string) {
  const client = new pg.Client({ connectionString: postgresUrl! });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Old entries point at applications and reports this test does not create: the foreign keys are off while it writes. */
// The old timeline tables are gone from today's schema types: the test writes them untyped, as a migration would.
/* eslint-disable @typescript-eslint/no-explicit-any */
async function withoutForeignKeys(database: Database, work: (db: Kysely<any>) => Promise<void>) {
  await database.db.connection().execute(async (c) => {
    const db = c as unknown as Kysely<any>;
    /* eslint-enable @typescript-eslint/no-explicit-any */
    if (database.dialect === 'postgres') await sql`set session_replication_role = replica`.execute(db);
    else await sql`pragma foreign_keys = off`.execute(db);
    try {
      await work(db);
    } finally {
      if (database.dialect === 'postgres') await sql`set session_replication_role = origin`.execute(db);
      else await sql`pragma foreign_keys = on`.execute(db);
    }
  });
}

const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();

describe('one timeline: upgrading an installation that has the old timeline tables', () => {
  let dir: string;
  let pgName: string | null = null;
  let database: Database;

  // 1203 entries spread over two applications (interleaved), then the entries of two reports.
  const carEvents = Array.from({ length: 1203 }, (_, i) => ({
    application_id: i % 2 === 0 ? 11 : 12,
    at: at(i),
    actor_user_id: i % 3 === 0 ? null : 7,
    actor_role: i % 3 === 0 ? null : 'department',
    action: i === 0 || i === 1 ? 'submit' : i % 5 === 0 ? 'return' : 'resubmit',
    from_status: i === 0 || i === 1 ? null : 'returned',
    to_status: i % 5 === 0 ? 'returned' : 'submitted',
    reasons_json: JSON.stringify(i % 5 === 0 ? [`原因${i}`, '请补充行驶证反面'] : []),
    note: i % 7 === 0 ? `备注${i}` : null,
  }));
  const reportEvents = [
    { report_id: 21, action: 'save', from_status: 'pending', to_status: 'draft', value: 12.5, reason: null, actor_user_id: 3, at: at(2000) },
    { report_id: 22, action: 'import', from_status: 'pending', to_status: 'draft', value: null, reason: null, actor_user_id: 4, at: at(2001) },
    { report_id: 21, action: 'submit', from_status: 'draft', to_status: 'submitted', value: 12.5, reason: null, actor_user_id: 3, at: at(2002) },
    { report_id: 21, action: 'return', from_status: 'submitted', to_status: 'returned', value: null, reason: '数据口径不一致', actor_user_id: 1, at: at(2003) },
    { report_id: 21, action: 'save', from_status: 'returned', to_status: 'corrected', value: 0.1, reason: null, actor_user_id: 3, at: at(2004) },
    { report_id: 21, action: 'accept', from_status: 'submitted', to_status: 'accepted', value: 0.1, reason: null, actor_user_id: 1, at: at(2005) },
  ];

  // A flagged sale held, then cleared; another rejected outright.
  const riskDecisions = [
    { redemption_id: 31, decision: 'hold', from_status: 'open', to_status: 'held', note: '核实旧机凭证', decided_by: 2, decided_at: at(3000) },
    { redemption_id: 32, decision: 'reject', from_status: 'open', to_status: 'rejected', note: '凭证重复使用', decided_by: 2, decided_at: at(3001) },
    { redemption_id: 31, decision: 'clear', from_status: 'held', to_status: 'cleared', note: '已核实', decided_by: null, decided_at: at(3002) },
  ];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-timeline-'));
    let url = `sqlite:${path.join(dir, 'upgrade.db')}`;
    if (postgresUrl) {
      pgName = `huanxin_t_${randomBytes(6).toString('hex')}`;
      await admin(`create database ${pgName}`);
      const u = new URL(postgresUrl);
      u.pathname = `/${pgName}`;
      url = u.toString();
    }
    database = createDatabase(url, { poolSize: 2 });
    await migrateToLatest(
      database,
      ALL_MIGRATIONS.filter((m) => m.name < FIRST_TIMELINE_MIGRATION),
    );
    await withoutForeignKeys(database, async (db) => {
      // Report 21 exists (its organisation goes onto its entries); report 22's row is gone.
      await db
        .insertInto('plan_reports')
        .values({
          id: 21,
          period_id: 1,
          plan_id: 1,
          indicator_id: 1,
          organization_id: 5,
          role: 'lead',
          status: 'accepted',
          late: 0,
          submission_count: 2,
          created_at: at(0),
          updated_at: at(0),
        })
        .execute();
      for (let i = 0; i < carEvents.length; i += 200)
        await db
          .insertInto('cartradein_application_events')
          .values(carEvents.slice(i, i + 200))
          .execute();
      await db.insertInto('plan_report_events').values(reportEvents).execute();
      await db.insertInto('tradein_risk_decisions').values(riskDecisions).execute();
    });
    await migrateToLatest(database, ALL_MIGRATIONS);
  });

  afterAll(async () => {
    await database?.close();
    if (pgName) await admin(`drop database if exists ${pgName} with (force)`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies every car application entry, in each application’s order, with actor, reasons and note', async () => {
    for (const applicationId of [11, 12]) {
      const expected = carEvents.filter((e) => e.application_id === applicationId);
      const copied = await timelineOf(database.db, carApplicationWorkflow, applicationId);
      expect(copied).toHaveLength(expected.length);
      expect(
        copied.map((e) => ({
          at: e.at,
          action: e.action,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          actorUserId: e.actorUserId,
          actorRole: e.actorRole,
          reasons: e.reasons,
          note: e.note,
        })),
      ).toEqual(
        expected.map((e) => ({
          at: e.at,
          action: e.action,
          fromStatus: e.from_status,
          toStatus: e.to_status,
          actorUserId: e.actor_user_id,
          actorRole: e.actor_role,
          reasons: JSON.parse(e.reasons_json),
          note: e.note,
        })),
      );
    }
  });

  it('copies every plan report entry with its value, its reason and the report’s organisation', async () => {
    const history = await timelineOf(database.db, planReportWorkflow, 21);
    expect(history.map((e) => [e.action, e.fromStatus, e.toStatus, e.params.value, e.reasons, e.actorUserId, e.organizationId, e.at])).toEqual(
      reportEvents
        .filter((e) => e.report_id === 21)
        .map((e) => [e.action, e.from_status, e.to_status, e.value, e.reason === null ? [] : [e.reason], e.actor_user_id, 5, e.at]),
    );
    expect((await timelineOf(database.db, planReportWorkflow, 22)).map((e) => [e.action, e.params.value, e.organizationId])).toEqual([['import', null, null]]);
  });

  it('leaves no other entries and drops the old tables', async () => {
    const counts = await database.db
      .selectFrom('record_timeline')
      .select(['entity', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('entity')
      .orderBy('entity')
      .execute();
    expect(counts.map((c) => [c.entity, Number(c.n)])).toEqual([
      ['cartradein_application', carEvents.length],
      ['plan_report', reportEvents.length],
      ['tradein_redemption', riskDecisions.length],
    ]);
    for (const table of ['cartradein_application_events', 'plan_report_events'])
      await expect(sql`select count(*) from ${sql.table(table)}`.execute(database.db)).rejects.toThrow();
  });

  it('copies the risk-review decisions as the redemptions’ entries, in order, with decider and note', async () => {
    const held = await timelineOf(database.db, riskReviewWorkflow, 31);
    expect(held.map((e) => [e.action, e.fromStatus, e.toStatus, e.note, e.actorUserId, e.at])).toEqual([
      ['hold', 'open', 'held', '核实旧机凭证', 2, at(3000)],
      ['clear', 'held', 'cleared', '已核实', null, at(3002)],
    ]);
    expect((await timelineOf(database.db, riskReviewWorkflow, 32)).map((e) => e.action)).toEqual(['reject']);
  });
});
