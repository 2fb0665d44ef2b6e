import { type Version, type VersionStore, storedVersion } from '../../../core/versioned.js';
import type { Queryable } from '../../../db/database.js';

/** A budget split as versioned: exact fen per funding source. */
export interface CarBudgetSplit {
  centralFen: number;
  provincialFen: number;
  cityFen: number;
}

type Row = {
  id: number;
  version: number;
  central_fen: number;
  provincial_fen: number;
  city_fen: number;
  note: string | null;
  created_by: number | null;
  created_at: string;
};

const toVersion = (r: Row): Version<CarBudgetSplit> =>
  storedVersion(r, { centralFen: Number(r.central_fen), provincialFen: Number(r.provincial_fen), cityFen: Number(r.city_fen) });

const versionsOf = (db: Queryable, programId: number) => db.selectFrom('cartradein_budget_versions as v').where('v.program_id', '=', programId);

/** The split columns of the budget row for a version's value; the total is kept beside them for the CHECK. */
export const splitColumns = (s: CarBudgetSplit) => ({
  central_fen: s.centralFen,
  provincial_fen: s.provincialFen,
  city_fen: s.cityFen,
  total_fen: s.centralFen + s.provincialFen + s.cityFen,
});

/** A car programme's budget history, keyed by the programme id; the budget row holds the current version's number. */
export const carBudgetVersions: VersionStore<number, CarBudgetSplit> = {
  async current(db, programId) {
    const row = await versionsOf(db, programId)
      .innerJoin('cartradein_budgets as b', (j) => j.onRef('b.program_id', '=', 'v.program_id').onRef('b.version', '=', 'v.version'))
      .selectAll('v')
      .executeTakeFirst();
    return row && toVersion(row);
  },
  async list(db, programId) {
    return (await versionsOf(db, programId).selectAll('v').orderBy('v.version', 'desc').execute()).map(toVersion);
  },
  async insert(tx, programId, v) {
    const row = await tx
      .insertInto('cartradein_budget_versions')
      .values({
        program_id: programId,
        version: v.version,
        central_fen: v.value.centralFen,
        provincial_fen: v.value.provincialFen,
        city_fen: v.value.cityFen,
        note: v.note,
        created_by: v.createdBy,
        created_at: v.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  },
  async advance(tx, programId, from, to) {
    const moved = await tx
      .updateTable('cartradein_budgets')
      .set({ ...splitColumns(to.value), version: to.version, updated_at: to.createdAt })
      .where('program_id', '=', programId)
      .where('version', '=', from.version)
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  },
};
