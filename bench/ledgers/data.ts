/**
 * The ledgers benchmark's data, labelled 压测 (benchmark): assets of one ledger kind generated from its definition
 * — any kind, so a kind defined on the page is benchmarked the same way — written in bulk (the API would spend
 * the set-up on per-request work the benchmark is not about), renewal events over 2024–2026, and a keeper's
 * sheet of new assets filled into the template the server generates.
 */
import ExcelJS from 'exceljs';
import type { Insertable } from 'kysely';
import type { AppDeps } from '../../src/server/core/deps.js';
import { inTransaction } from '../../src/server/db/database.js';
import { nowIso } from '../../src/server/db/time.js';
import { derivedColumns, toSlots } from '../../src/server/modules/ledgers/definition/slots.js';
import type { LedgerAssetTable, LedgerEventTable } from '../../src/server/modules/ledgers/tables.js';
import { activeFields, ledgerDefinition, type AssetValues, type LedgerDefinition, type LedgerField } from '../../src/shared/ledgers/definition.js';
import { oldFrom } from '../../src/shared/ledgers/rules.js';
import { claimAssetKeys } from '../../src/server/modules/ledgers/assets/keys.js';

// 500 rows × ~45 columns stays under SQLite's 32,766 bound parameters per statement.
const CHUNK = 500;

export interface BenchKind {
  id: number;
  code: string;
  version: number;
  definition: LedgerDefinition;
}

export interface Vocabulary {
  towns: { id: number; name: string }[];
  organizations: number[];
  codes: Map<string, { code: string; label: string }[]>;
}

export async function loadBenchKind(deps: AppDeps, code: string): Promise<BenchKind> {
  const k = await deps.database.db
    .selectFrom('ledger_kinds as k')
    .innerJoin('ledger_kind_versions as v', (j) => j.onRef('v.kind_id', '=', 'k.id').onRef('v.version', '=', 'k.version'))
    .select(['k.id', 'k.code', 'k.version', 'v.definition_json'])
    .where('k.code', '=', code)
    .executeTakeFirstOrThrow();
  return { id: Number(k.id), code: k.code, version: Number(k.version), definition: ledgerDefinition.parse(JSON.parse(k.definition_json)) };
}

export async function loadVocabulary(deps: AppDeps, def: LedgerDefinition): Promise<Vocabulary> {
  const db = deps.database.db;
  const towns = (await db.selectFrom('organizations').select(['id', 'name']).where('kind', '=', 'town').orderBy('id').execute()).map((t) => ({
    id: Number(t.id),
    name: t.name,
  }));
  const organizations = (await db.selectFrom('organizations').select('id').where('kind', 'in', ['office', 'department']).execute()).map((o) => Number(o.id));
  const codes = new Map<string, { code: string; label: string }[]>();
  for (const f of def.fields.filter((x) => x.type === 'dictionary' && x.dictionary)) {
    const items = await db
      .selectFrom('dictionary_items as i')
      .innerJoin('dictionaries as d', 'd.id', 'i.dictionary_id')
      .select(['i.code', 'i.label_zh'])
      .where('d.code', '=', f.dictionary!)
      .where('i.enabled', '=', 1)
      .where('i.deleted_at', 'is', null)
      .execute();
    codes.set(
      f.key,
      items.map((i) => ({ code: i.code, label: i.label_zh })),
    );
  }
  return { towns, organizations, codes };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** A date spread over 2005–2025 (never after today: the benchmark runs after 2025). */
const dateOf = (n: number) => `${2005 + (n % 21)}-${pad((n % 12) + 1)}-${pad((n % 28) + 1)}`;

/** The n-th asset's value of one field: unique fields unique by n, the rest spread over their range. */
export function fakeValue(f: LedgerField, n: number, vocab: Vocabulary, tag: string): string | number | null {
  const spread = (n * 2654435761) >>> 0;
  switch (f.type) {
    case 'text':
      return f.unique || !f.pattern ? `压测-${tag}-${f.key}-${pad(n, 7)}` : null;
    case 'integer':
      return Math.max(f.min ?? 0, Math.min(f.max ?? 1000, (spread % 200) + 1));
    case 'decimal':
      return Math.max(f.min ?? 0, Math.min(f.max ?? 1e6, ((spread % 100000) + 1) / 100));
    case 'money':
      return Math.max(f.min ?? 0, Math.min(f.max ?? 1e12, ((spread % 5000) + 1) * 10000));
    case 'date':
      return dateOf(spread);
    case 'dictionary': {
      const list = vocab.codes.get(f.key) ?? [];
      return list.length ? list[spread % list.length]!.code : null;
    }
    case 'town':
      return vocab.towns[spread % vocab.towns.length]!.id;
    case 'organization':
      return vocab.organizations[spread % vocab.organizations.length] ?? null;
    case 'coordinates':
      return `${(118.5 + (spread % 1000) / 10000).toFixed(4)},${(24.7 + (spread % 997) / 10000).toFixed(4)}`;
    case 'file':
      return null;
  }
}

export function fakeValues(def: LedgerDefinition, n: number, vocab: Vocabulary, tag: string): AssetValues {
  return Object.fromEntries(activeFields(def).map((f) => [f.key, fakeValue(f, n, vocab, tag)]));
}

/**
 * `count` assets in service (a tenth of them with an `added` event in 2024–2026), and renewal events on every
 * twentieth; returns how many events were written.
 */
export async function createAssets(deps: AppDeps, kind: BenchKind, vocab: Vocabulary, count: number, tag: string): Promise<number> {
  const def = kind.definition;
  const now = nowIso();
  const added = def.events.find((e) => e.effect === 'added');
  const renewal = def.events.find((e) => e.effect === 'upgraded' || e.effect === 'retrofitted');
  let events = 0;
  for (let from = 0; from < count; from += CHUNK) {
    const n = Math.min(CHUNK, count - from);
    await inTransaction(deps.database, async (tx) => {
      const rows: Insertable<LedgerAssetTable>[] = Array.from({ length: n }, (_, k) => {
        const i = from + k;
        const values = fakeValues(def, i, vocab, tag);
        const addedOn = added && i % 10 === 0 ? `${2024 + (i % 3)}-${pad((i % 11) + 1)}-15` : null;
        return {
          kind_id: kind.id,
          kind_version: kind.version,
          status: 'in_service',
          ...derivedColumns(def, values),
          old_from: oldFrom(def.oldRule, values),
          in_service_from: addedOn,
          ended_on: null,
          replaced_by_id: null,
          replaces_id: null,
          ...toSlots(def, values),
          is_demo: 0,
          created_by: null,
          created_at: now,
          updated_at: now,
        };
      });
      const ids = (await tx.insertInto('ledger_assets').values(rows).returning('id').execute()).map((r) => Number(r.id));
      await claimAssetKeys(
        tx,
        kind.id,
        ids.map((id, k) => ({ assetId: id, uniqueKey: rows[k]!.unique_key ?? null })),
      );
      const eventRows: Insertable<LedgerEventTable>[] = [];
      ids.forEach((id, k) => {
        const row = rows[k]!;
        const i = from + k;
        if (added && row.in_service_from)
          eventRows.push({
            kind_id: kind.id,
            asset_id: id,
            event_type: added.code,
            effect: 'added',
            occurred_on: row.in_service_from,
            town_id: row.town_id ?? null,
            replacement_id: null,
            values_json: '{}',
            changes_json: '{}',
            q1: null,
            q2: null,
            q3: null,
            q4: null,
            note: null,
            is_demo: 0,
            created_by: null,
            created_at: now,
          });
        if (renewal && i % 20 === 5)
          eventRows.push({
            kind_id: kind.id,
            asset_id: id,
            event_type: renewal.code,
            effect: renewal.effect,
            occurred_on: `${2024 + (i % 3)}-${pad((i % 11) + 1)}-20`,
            town_id: row.town_id ?? null,
            replacement_id: null,
            values_json: '{}',
            changes_json: '{}',
            q1: 100,
            q2: null,
            q3: null,
            q4: null,
            note: null,
            is_demo: 0,
            created_by: null,
            created_at: now,
          });
      });
      if (eventRows.length) await tx.insertInto('ledger_events').values(eventRows).execute();
      events += eventRows.length;
    });
  }
  return events;
}

/** Fills the server's template (downloaded by the caller) with `rows` new assets, as a keeper would. */
export async function fillTemplate(template: Buffer, def: LedgerDefinition, vocab: Vocabulary, rows: number, tag: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => (headers[col] = cell.text));
  const fields = activeFields(def);
  // A header names a field by its zh label, en label or key (and a * for required ones): match the same way.
  const columnOf = (f: LedgerField) => headers.findIndex((h) => h !== undefined && (h.includes(f.label.zh) || h.includes(f.key)));
  const firstDataRow = 2;
  for (let k = 0; k < rows; k++) {
    const row = sheet.getRow(firstDataRow + k);
    for (const f of fields) {
      const col = columnOf(f);
      if (col < 1) continue;
      const v = fakeValue(f, 10_000_000 + k, vocab, `${tag}i`);
      if (v === null) continue;
      const cell =
        f.type === 'town'
          ? vocab.towns.find((t) => t.id === v)?.name
          : f.type === 'dictionary'
            ? (vocab.codes.get(f.key)?.find((c) => c.code === v)?.label ?? v)
            : f.type === 'money'
              ? Number(v) / 100
              : v;
      row.getCell(col).value = cell as ExcelJS.CellValue;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
