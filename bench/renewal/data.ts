/**
 * The renewal benchmark's data, labelled 压测 (benchmark): enterprises with credit codes across the towns, a library
 * of projects over 2024–2026 at every step with their old and new equipment and funding, written in bulk (the API
 * would spend the set-up on per-request work the benchmark is not about), and a department's project list as the
 * import template fills it in.
 */
import ExcelJS from 'exceljs';
import type { Insertable } from 'kysely';
import type { AppDeps } from '../../src/server/core/deps.js';
import { inTransaction } from '../../src/server/db/database.js';
import { nowIso } from '../../src/server/db/time.js';
import { IMPORT_HEADERS, SECTOR_ZH, TYPE_ZH } from '../../src/server/modules/renewal/projects/labels.js';
import type { RenewalProjectTable } from '../../src/server/modules/renewal/projects/tables.js';
import { PROJECT_SECTORS, PROJECT_TYPES, type ProjectStatus } from '../../src/shared/enums/renewalProjects.js';
import { computeCreditCodeCheckChar } from '../../src/shared/validators/creditCode.js';

const CHUNK = 200;
const INDUSTRIES = ['textile_apparel', 'footwear', 'building_ceramics', 'food', 'paper_products', 'umbrella'];
const SOURCES = ['ultra_long_treasury_bonds', 'central_budget', 'provincial_budget', 'city_matching'];
/** Most of a library is approved, started or done; a few wait for a check. */
const STATUSES: ProjectStatus[] = [
  'in_library',
  'under_construction',
  'under_construction',
  'completed',
  'completed',
  'completed',
  'submitted',
  'town_checked',
];

export interface BenchEnterprise {
  id: number;
  creditCode: string;
  townName: string;
}

/** A valid 统一社会信用代码 (the check character computed) for the benchmark's n-th enterprise. */
function creditCode(n: number): string {
  const first17 = `91350582${String(n).padStart(9, '0')}`;
  return first17 + computeCreditCodeCheckChar(first17);
}

const pad = (n: number) => String(n).padStart(2, '0');
// January to November: a completion date is never after today (the benchmark runs in December at the latest).
const dayOf = (year: number, n: number) => `${year}-${pad((n % 11) + 1)}-${pad((n % 28) + 1)}`;

export async function createEnterprises(deps: AppDeps, count: number, tag: string): Promise<BenchEnterprise[]> {
  const db = deps.database.db;
  const towns = await db.selectFrom('organizations').select(['id', 'name']).where('kind', '=', 'town').orderBy('id').execute();
  const now = nowIso();
  const out: BenchEnterprise[] = [];
  for (let from = 0; from < count; from += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, count - from) }, (_, k) => {
      const i = from + k;
      const town = towns[i % towns.length]!;
      return {
        code: `BENCH-R-${tag}-${i}`,
        name: `压测制造企业 ${i}`,
        kind: 'enterprise' as const,
        status: 'active' as const,
        division_code: null,
        credit_code: creditCode(i),
        town_id: Number(town.id),
        address: null,
        contact_name: null,
        contact_mobile_enc: null,
        contact_mobile_mask: null,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      };
    });
    const ids = await db.insertInto('organizations').values(rows).returning('id').execute();
    ids.forEach((r, k) => out.push({ id: Number(r.id), creditCode: rows[k]!.credit_code, townName: towns[(from + k) % towns.length]!.name }));
  }
  return out;
}

/**
 * `count` projects spread over the enterprises, sectors (industry most), types, statuses and 2024–2026, with two
 * old machines and one new item each, and a funding application on every fourth, granted and partly paid.
 */
export async function createProjects(deps: AppDeps, enterprises: readonly BenchEnterprise[], count: number, tag: string): Promise<void> {
  const db = deps.database.db;
  const towns = new Map((await db.selectFrom('organizations').select(['id', 'name']).where('kind', '=', 'town').execute()).map((t) => [t.name, Number(t.id)]));
  // Grants are made by a department (下达单位): 市工信局 for all of them here.
  const miit = Number((await db.selectFrom('organizations').select('id').where('name', '=', '市工信局').executeTakeFirstOrThrow()).id);
  const now = nowIso();
  for (let from = 0; from < count; from += CHUNK) {
    await inTransaction(deps.database, async (tx) => {
      const rows: Insertable<RenewalProjectTable>[] = [];
      for (let i = from; i < Math.min(count, from + CHUNK); i++) {
        const e = enterprises[i % enterprises.length]!;
        const year = 2024 + (i % 3);
        const status = STATUSES[i % STATUSES.length]!;
        const planned = (200 + (i % 37) * 50) * 1_000_000;
        const started = status === 'under_construction' || status === 'completed' ? dayOf(year, i) : null;
        const completed = status === 'completed' ? dayOf(Math.min(year + 1, 2026), i + 3) : null;
        rows.push({
          code: `RP-B${tag}-${String(i).padStart(7, '0')}`,
          name: `压测技改项目 ${i}`,
          organization_id: e.id,
          town_id: towns.get(e.townName)!,
          sector: i % 4 === 0 ? PROJECT_SECTORS[i % PROJECT_SECTORS.length]! : 'industry',
          industry: INDUSTRIES[i % INDUSTRIES.length]!,
          type: PROJECT_TYPES[i % PROJECT_TYPES.length]!,
          status,
          origin: 'imported',
          year,
          planned_investment_fen: planned,
          planned_equipment_fen: Math.round(planned * 0.6),
          actual_investment_fen: completed ? Math.round(planned * 0.95) : null,
          actual_equipment_fen: completed ? Math.round(planned * 0.55) : null,
          adds_land: i % 5 === 0 ? 1 : 0,
          simplified: i % 5 === 0 ? 0 : 1,
          skipped_step: i % 5 === 0 ? null : 'town_check',
          energy_saved_tce: 20 + (i % 100),
          emissions_reduced_t: 50 + (i % 200),
          planned_start: `${year}-01-15`,
          planned_end: `${year}-12-15`,
          started_on: started && completed && started > completed ? completed : started,
          completed_on: completed,
          description: null,
          evidence_json: null,
          return_reason: null,
          returned_from: null,
          submitted_at: now,
          town_checked_at: null,
          town_checked_by: null,
          approved_at: now,
          approved_by: null,
          approved_by_organization_id: null,
          created_by: null,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        });
      }
      const ids = (await tx.insertInto('renewal_projects').values(rows).returning('id').execute()).map((r) => Number(r.id));
      const orgOf = new Map(ids.map((id, k) => [id, rows[k]!.organization_id]));
      // Every project code is held in renewal_project_codes too (20261203_1810): the import's check reads it there.
      await tx
        .insertInto('renewal_project_codes')
        .values(ids.map((id, k) => ({ code: rows[k]!.code, organization_id: orgOf.get(id)!, project_id: id })))
        .execute();
      await tx
        .insertInto('renewal_project_old_equipment')
        .values(
          ids.flatMap((id, k) => [
            {
              organization_id: orgOf.get(id)!,
              project_id: id,
              position: 0,
              name: '普通车床',
              count: 1 + (k % 4),
              years_in_service: 6 + (k % 12),
              is_machine_tool: 1,
            },
            { organization_id: orgOf.get(id)!, project_id: id, position: 1, name: '空压机', count: 1, years_in_service: 12, is_machine_tool: 0 },
          ]),
        )
        .execute();
      await tx
        .insertInto('renewal_project_new_equipment')
        .values(
          ids.map((id, k) => ({
            organization_id: orgOf.get(id)!,
            project_id: id,
            position: 0,
            equipment_code: null,
            name: '数控加工中心',
            count: 1 + (k % 3),
            amount_fen: 50_000_000,
            is_first_set: k % 20 === 0 ? 1 : 0,
          })),
        )
        .execute();
      const funded = ids.filter(
        (_, k) => (from + k) % 4 === 0 && STATUSES[(from + k) % STATUSES.length] !== 'submitted' && STATUSES[(from + k) % STATUSES.length] !== 'town_checked',
      );
      if (funded.length)
        await tx
          .insertInto('renewal_funding_applications')
          .values(
            funded.map((id, k) => ({
              organization_id: orgOf.get(id)!,
              project_id: id,
              source: SOURCES[k % SOURCES.length]!,
              status: 'partially_paid' as const,
              requested_fen: 20_000_000,
              granted_fen: 18_000_000,
              paid_fen: 9_000_000,
              applied_on: '2025-03-01',
              granted_on: '2025-05-01',
              granting_organization_id: miit,
              grant_document: null,
              over_request_reason: null,
              rejection_reason: null,
              note: null,
              loan_bank: null,
              loan_principal_fen: null,
              loan_rate_bp: null,
              subsidy_points_bp: null,
              loan_from: null,
              loan_to: null,
              subsidy_day_basis: null,
              subsidy_computed_fen: null,
              applied_by: null,
              decided_by: null,
              decided_at: now,
              is_demo: 0,
              created_at: now,
              updated_at: now,
            })),
          )
          .execute();
    });
  }
}

/** A department's project list of `rows` projects in the import template's columns, as an .xlsx file. */
export async function projectListWorkbook(enterprises: readonly BenchEnterprise[], rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('项目清单');
  const columns = Object.keys(IMPORT_HEADERS) as (keyof typeof IMPORT_HEADERS)[];
  sheet.addRow(columns.map((c) => IMPORT_HEADERS[c]));
  for (let i = 0; i < rows; i++) {
    const e = enterprises[(i * 7) % enterprises.length]!;
    const values: Record<keyof typeof IMPORT_HEADERS, string | number> = {
      code: '',
      name: `压测导入项目 ${i}`,
      creditCode: e.creditCode,
      town: e.townName,
      sector: SECTOR_ZH[i % 3 === 0 ? PROJECT_SECTORS[i % PROJECT_SECTORS.length]! : 'industry'],
      industry: INDUSTRIES[i % INDUSTRIES.length]!,
      type: TYPE_ZH[PROJECT_TYPES[i % PROJECT_TYPES.length]!],
      planned: 300 + (i % 50) * 10,
      equipment: 150 + (i % 50) * 5,
      plannedStart: '2026-02-01',
      plannedEnd: '2026-12-31',
      addsLand: i % 4 === 0 ? '是' : '否',
      startedOn: i % 2 === 0 ? '2026-03-01' : '',
      energy: 30,
      emissions: 80,
    };
    sheet.addRow(columns.map((c) => values[c]));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
