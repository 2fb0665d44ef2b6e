import type { Kysely } from 'kysely';

/** One entry of a module's own former timeline table, as its migration reads it. */
export interface FormerTimelineRow {
  /** The id in the former table: entries are copied in its order, which is each record's order. */
  formerId: number;
  entityId: number;
  action: string;
  from: string | null;
  to: string;
  actorUserId: number | null;
  actorRole: string | null;
  organizationId: number | null;
  note: string | null;
  reasons: string[];
  params: Record<string, unknown>;
  at: string;
}

const PAGE = 500;

/**
 * For a module's migration that moves its own timeline table into record_timeline: copies every entry of
 * `formerTable` (read page by page by `page`, keyed on the former id) as entries of `entity`, then checks that as
 * many entries arrived as there were. The module drops its table afterwards.
 *
 * The migrator runs SQLite migrations outside a transaction, so a run interrupted before the drop starts again from
 * the beginning: the entries of `entity` copied by that run are removed first (nothing else writes them before the
 * migration has run).
 */
export async function copyIntoRecordTimeline(
  // Called from migrations, which see the database as it was then (see db/migrations.ts).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  entity: string,
  formerTable: string,
  page: (afterFormerId: number, limit: number) => Promise<FormerTimelineRow[]>,
): Promise<number> {
  await db.deleteFrom('record_timeline').where('entity', '=', entity).execute();
  let after = 0;
  for (;;) {
    const rows = await page(after, PAGE);
    if (rows.length === 0) break;
    await db
      .insertInto('record_timeline')
      .values(
        rows.map((r) => ({
          entity,
          entity_id: r.entityId,
          action: r.action,
          from_status: r.from,
          to_status: r.to,
          actor_user_id: r.actorUserId,
          actor_role: r.actorRole,
          organization_id: r.organizationId,
          note: r.note,
          reasons_json: JSON.stringify(r.reasons),
          params_json: JSON.stringify(r.params),
          at: r.at,
        })),
      )
      .execute();
    after = rows[rows.length - 1]!.formerId;
  }
  const count = async (table: string, where?: string) => {
    let q = db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n'));
    if (where) q = q.where('entity', '=', where);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const [former, copied] = [await count(formerTable), await count('record_timeline', entity)];
  if (former !== copied) throw new Error(`${formerTable}: ${former} entries, ${copied} copied into record_timeline`);
  return copied;
}
