import type { AppDeps } from '../../../core/deps.js';
import { systemContext, type RequestContext } from '../../../core/context.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { addDays } from '../../../../shared/dates.js';
import type { AssetValues, EventField, LedgerDefinition, LedgerField } from '../../../../shared/ledgers/definition.js';
import { oldFrom } from '../../../../shared/ledgers/rules.js';
import { checkValue, type ValueLookups } from '../../../../shared/ledgers/values.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { derivedColumns } from '../definition/slots.js';
import { listKinds, valueLookups, type LoadedKind } from '../kinds/current.js';
import { applyEvent } from './events.js';
import { insertAssets, insertEventRow, loadAssetRow, ownerOf, type NewAssetRow } from './store.js';

/**
 * Demo assets for every shipped kind, made from its definition (so a kind S1 adds gets demo data without code
 * here): a few dozen per kind across the towns, commissioned 2005–2025 so some are old, and renewal events in
 * 2024 to today — added, replaced, upgraded, scrapped — so the overview and the plan figures have something to
 * show. Free text starts with 演示; every row is `is_demo`. A kind that has demo assets already is left alone.
 */

const ASSETS_PER_KIND = 30;

/** A small seeded generator: the same demo data on every installation. */
function random(seedText: string) {
  let seed = [...seedText].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
type Random = ReturnType<typeof random>;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const DIGITS = [...'0123456789'];
const range = (from: string, to: string) =>
  Array.from({ length: Math.min(to.charCodeAt(0) - from.charCodeAt(0) + 1, 200) }, (_, i) => String.fromCharCode(from.charCodeAt(0) + i));

/**
 * A text matching a simple pattern (classes, `\d`, literals, counted repetitions — a plate, a registration
 * number), its digits numbering it; null for a pattern with groups or alternatives.
 */
export function sampleOf(pattern: string, n: number): string | null {
  const tokens: { choices: string[]; count: number }[] = [];
  let i = 0;
  const escaped = (c: string): string[] => {
    if (c === 'd') return DIGITS;
    if (c === 'w') return range('A', 'Z');
    if (c === 'u') {
      const hex = pattern.slice(i + 1, i + 5);
      i += 4;
      return [String.fromCharCode(parseInt(hex, 16))];
    }
    return [c];
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    let choices: string[];
    if ('()|^$'.includes(c)) return null;
    if (c === '\\') {
      i++;
      choices = escaped(pattern[i]!);
    } else if (c === '[') {
      if (pattern[i + 1] === '^') return null;
      choices = [];
      i++;
      while (i < pattern.length && pattern[i] !== ']') {
        let from: string[] = [pattern[i]!];
        if (pattern[i] === '\\') from = escaped(pattern[++i]!);
        if (pattern[i + 1] === '-' && pattern[i + 2] !== ']' && from.length === 1) {
          i += 2;
          const to = pattern[i] === '\\' ? escaped(pattern[++i]!) : [pattern[i]!];
          choices.push(...range(from[0]!, to[0]!));
        } else choices.push(...from);
        i++;
      }
    } else choices = c === '.' ? ['A'] : [c];
    i++;
    let count = 1;
    const q = /^(?:\{(\d+)(?:,(\d*))?\}|[?*+])/.exec(pattern.slice(i));
    if (q) {
      // An open repetition takes six, enough for the number to tell samples apart.
      count = q[0] === '?' ? 0 : q[0] === '+' || q[0] === '*' ? 6 : Number(q[1]);
      i += q[0].length;
    }
    tokens.push({ choices, count });
  }
  // Every class that takes any digit numbers the text, so samples differ wherever the pattern lets them.
  const numbering = (t: { choices: string[] }) => DIGITS.every((x) => t.choices.includes(x));
  const digitSlots = tokens.filter(numbering).reduce((s, t) => s + t.count, 0);
  const digits = pad(n, digitSlots).slice(-digitSlots);
  let d = 0;
  let out = '';
  tokens.forEach((t, k) => {
    for (let j = 0; j < t.count; j++) out += numbering(t) ? digits[d++]! : t.choices[(n + k + j) % t.choices.length]!;
  });
  return out;
}

/** Codes the old rule names (diesel, wood, 国三): a replacement or an upgrade takes another. */
function oldCodes(def: LedgerDefinition, key: string): Set<string> {
  const out = new Set<string>();
  for (const c of def.oldRule?.conditions ?? [])
    if (c.field !== key) continue;
    else if (c.op === 'in') for (const v of c.values) out.add(String(v));
    else if (c.op === 'eq') out.add(String(c.value));
  return out;
}

interface Context {
  def: LedgerDefinition;
  lookups: ValueLookups;
  towns: number[];
  keeper: number;
  rnd: Random;
}

/** A value for one field that its checks accept, or null (the seed leaves an optional field it cannot fill empty). */
function valueFor(c: Context, f: LedgerField | EventField, n: number, opts: { on?: string; fresh?: boolean } = {}): string | number | null {
  const { rnd, lookups } = c;
  const candidates: unknown[] = [];
  switch (f.type) {
    case 'text': {
      const label = f.label.zh;
      // A plate first (most patterned ledgers are vehicles), then whatever the pattern describes.
      if (f.unique || f.pattern) candidates.push(`闽C${String.fromCharCode(65 + (n % 26))}${pad(n, 4)}`);
      if (f.pattern) candidates.push(sampleOf(f.pattern, n));
      if (f.unique || f.pattern) candidates.push(`DEMO${pad(n, 6)}`, pad(n + 1, 8), `演示${label}${pad(n, 4)}`);
      else candidates.push(`演示${label}${rnd.int(1, 9)}`, `演示${n}`);
      break;
    }
    case 'integer':
    case 'decimal':
    case 'money': {
      const min = f.min ?? (f.type === 'money' ? 500_000_00 : 1);
      const max = f.max ?? (f.type === 'money' ? 5_000_000_00 : f.type === 'integer' ? Math.max(min, 60) : Math.max(min, 500));
      if (f.unique) candidates.push(min + n);
      const raw = min + rnd.next() * (max - min);
      const digits = f.type === 'decimal' ? (f.decimals ?? 2) : 0;
      const value = Math.round(raw * 10 ** digits) / 10 ** digits;
      candidates.push(f.type === 'money' ? Math.round(value / 100_00) * 100_00 || min : value);
      break;
    }
    case 'date': {
      if (opts.on) candidates.push(opts.on);
      else candidates.push(`${rnd.int(2005, 2025)}-${pad(rnd.int(1, 12), 2)}-${pad(rnd.int(1, 28), 2)}`);
      break;
    }
    case 'dictionary': {
      const codes = [...(lookups.dictionaryCodes(f.dictionary ?? '') ?? [])];
      const avoid = opts.fresh ? oldCodes(c.def, f.key) : new Set<string>();
      const wanted = codes.filter((x) => !avoid.has(x));
      if (wanted.length) candidates.push(rnd.pick(wanted));
      break;
    }
    case 'town':
      if (c.towns.length) candidates.push(c.towns[n % c.towns.length]);
      break;
    case 'organization':
      candidates.push(c.keeper);
      break;
    case 'coordinates':
      candidates.push(`${(118.45 + rnd.next() * 0.25).toFixed(5)},${(24.7 + rnd.next() * 0.2).toFixed(5)}`);
      break;
    case 'file':
      break;
  }
  for (const candidate of candidates) {
    const r = checkValue(f, candidate, lookups);
    if ('value' in r && r.value !== null) return r.value;
  }
  return null;
}

/** A full set of values the definition accepts, or null when a required field cannot be filled. */
function valuesFor(c: Context, fields: readonly (LedgerField | EventField)[], n: number, opts: { on?: string; fresh?: boolean } = {}): AssetValues | null {
  const out: AssetValues = {};
  for (const f of fields) {
    if (f.retired) continue;
    const v = valueFor(c, f, n, opts);
    if (v === null && f.required) return null;
    out[f.key] = v;
  }
  return out;
}

/** A day in `year` the event can happen: not before the asset entered service, not after today. */
function eventDay(c: Context, year: number, after: string | null): string {
  let day = `${year}-${pad(c.rnd.int(1, 11), 2)}-${pad(c.rnd.int(1, 28), 2)}`;
  if (after && day <= after) day = addDays(after, 30);
  return day > c.lookups.today ? c.lookups.today : day;
}

/** Demo assets and events of one kind, in the caller's transaction; returns how many assets it made. */
export async function seedKindDemo(tx: Tx, ctx: RequestContext, kind: LoadedKind): Promise<number> {
  const def = kind.definition;
  const lookups = await valueLookups(tx, def);
  const towns = (await tx.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').execute()).map((r) => Number(r.id));
  const c: Context = { def, lookups, towns, keeper: kind.keeperOrganizationId, rnd: random(kind.code) };
  let serial = 1;
  const rows: NewAssetRow[] = [];
  for (let i = 0; i < ASSETS_PER_KIND; i++) {
    const values = valuesFor(c, def.fields, serial++);
    if (!values) return 0;
    rows.push({ values, townId: derivedColumns(def, values).town_id, oldFrom: oldFrom(def.oldRule, values) });
  }
  const ids = await insertAssets(tx, ctx, kind, rows, { isDemo: true, source: 'demo' });

  const thisYear = Number(lookups.today.slice(0, 4));
  const years = [2024, 2025, thisYear].filter((y, i, all) => all.indexOf(y) === i);
  const added = def.events.find((e) => e.effect === 'added');
  if (added)
    for (const year of years) {
      const on = eventDay(c, year, null);
      const values = valuesFor(c, def.fields, serial++, { on, fresh: true });
      const own = valuesFor(c, added.fields, serial++);
      if (!values || !own) continue;
      const townId = derivedColumns(def, values).town_id;
      const [id] = await insertAssets(tx, ctx, kind, [{ values, townId, oldFrom: oldFrom(def.oldRule, values), inServiceFrom: on }], {
        isDemo: true,
        source: 'demo',
      });
      const eventId = await insertEventRow(tx, ctx, kind, { assetId: id!, type: added, occurredOn: on, townId, values: own, isDemo: true });
      await appendAudit(tx, ctx, {
        entity: 'ledger_event',
        entityId: eventId,
        action: 'record',
        organizationId: ownerOf(kind, townId),
        after: { assetId: id, type: added.code },
      });
    }

  // Renewal falls on the old assets first, as the plan means it.
  const targets = [...ids].sort((a, b) => {
    const oa = rows[ids.indexOf(a)]!.oldFrom ?? '9999';
    const ob = rows[ids.indexOf(b)]!.oldFrom ?? '9999';
    return oa < ob ? -1 : oa > ob ? 1 : a - b;
  });
  let next = 0;
  for (const type of def.events.filter((e) => e.effect !== 'added')) {
    const times = type.effect === 'replaced' ? 4 : 2;
    for (let k = 0; k < times && next < targets.length; k++) {
      const row = await loadAssetRow(tx, targets[next++]!);
      const on = eventDay(c, years[k % years.length]!, row.in_service_from);
      const own = valuesFor(c, type.fields, serial++) ?? {};
      const replacement = type.effect === 'replaced' ? valuesFor(c, def.fields, serial++, { on, fresh: true }) : null;
      if (type.effect === 'replaced' && !replacement) continue;
      const changes: AssetValues = {};
      for (const key of type.changes) {
        const f = def.fields.find((x) => x.key === key && !x.retired);
        const v = f ? valueFor(c, f, serial++, { fresh: true }) : null;
        if (f && v !== null) changes[key] = v;
      }
      // Towns of replacements follow the asset they replace.
      if (replacement && def.townField) replacement[def.townField] = row.town_id === null ? replacement[def.townField]! : Number(row.town_id);
      await applyEvent(
        tx,
        ctx,
        kind,
        row,
        {
          type: type.code,
          occurredOn: on,
          values: own,
          ...(Object.keys(changes).length ? { changes } : {}),
          ...(replacement ? { replacement: { values: replacement } } : {}),
        },
        lookups,
        { isDemo: true, system: true },
      );
    }
  }
  return ids.length;
}

/** The demo seed (module contract `seed.demo`), after the shipped kinds (reference) exist. */
export async function seedAssetsDemo(deps: AppDeps): Promise<void> {
  const ctx = systemContext('demo-seed');
  for (const kind of await listKinds(deps.database.db)) {
    if (!kind.shipped) continue;
    await inTransaction(deps.database, async (tx) => {
      const has = await tx.selectFrom('ledger_assets').select('id').where('kind_id', '=', kind.id).where('is_demo', '=', 1).limit(1).executeTakeFirst();
      if (!has) await seedKindDemo(tx, ctx, kind);
    });
  }
}
