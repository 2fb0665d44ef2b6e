import { sql } from 'kysely';
import type { DictionaryUsageChecker } from '../../../core/extensions.js';
import type { Queryable } from '../../../db/database.js';
import { likePattern } from '../../../http/pagination.js';
import type { TextSlot } from '../../../../shared/ledgers/definition.js';
import { platformDictionaries } from '../../platform/dictionaries/definitions.js';
import { listKinds } from '../kinds/current.js';
import { kindsDictionaries } from '../kinds/dictionaries.js';

/**
 * How many assets (and events) of any ledger use a code of `dictionary`. Which fields hold the dictionary is data
 * — every kind's current definition, read when the count is asked — so a kind defined yesterday on a page is
 * counted too. Retired fields count: their values stay.
 */
export async function countLedgerUses(db: Queryable, dictionary: string, code: string): Promise<number> {
  let n = 0;
  for (const kind of await listKinds(db)) {
    const def = kind.definition;
    const slots = def.fields.filter((f) => f.type === 'dictionary' && f.dictionary === dictionary && f.slot).map((f) => f.slot as TextSlot);
    if (slots.length) {
      const row = await db
        .selectFrom('ledger_assets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind_id', '=', kind.id)
        .where((eb) => eb.or(slots.map((s) => eb(s, '=', code))))
        .executeTakeFirstOrThrow();
      n += Number(row.n);
    }
    // Event fields live in the event's values (JSON written by JSON.stringify: `"key":"code"`, no spaces).
    for (const type of def.events)
      for (const f of type.fields.filter((x) => x.type === 'dictionary' && x.dictionary === dictionary)) {
        const pattern = likePattern(JSON.stringify({ [f.key]: code }).slice(1, -1));
        const row = await db
          .selectFrom('ledger_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('kind_id', '=', kind.id)
          .where('event_type', '=', type.code)
          .where((eb) => sql<boolean>`${eb.ref('values_json')} like ${pattern} escape '\\'`)
          .executeTakeFirstOrThrow();
        n += Number(row.n);
      }
  }
  return n;
}

const ledgerUsage = (dictionary: string): DictionaryUsageChecker => ({
  dictionary,
  usedBy: { 'zh-CN': '台账资产', en: 'ledger assets' },
  countUses: (db, code) => countLedgerUses(db, dictionary, code),
});

/**
 * One checker per dictionary a ledger field may take codes from. The platform asks per dictionary, from a list
 * fixed at start-up, so it names the ledgers' own code lists and the platform's; a kind whose field takes another
 * module's dictionary is counted by `countLedgerUses`, but the dictionaries page asks only for the dictionaries listed here.
 */
export const assetsDictionaryUsage: DictionaryUsageChecker[] = [...new Set([...kindsDictionaries, ...platformDictionaries].map((d) => d.code))].map(
  ledgerUsage,
);
