import type { AssetValues } from '../../../../../shared/ledgers/definition';
import { checkValues, type ValueIssue, type ValueLookups } from '../../../../../shared/ledgers/values';
import { fenToYuan } from '../../../../../shared/money';
import { todayInShanghai } from '../../../../components/format';
import type { Translate } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import { toWireValue, type AnyField, type DictionaryData, type FormValue } from './fields';
import type { Town } from '../../../../api/types';

/**
 * The checks the server makes on values, made here first with the same shared function and the same reasons, so
 * a keeper sees what is wrong before sending. What only the server knows (uniqueness, organisations) it still says,
 * and the form puts it on the field the same way.
 */
export function clientLookups(dictionaries: Map<string, DictionaryData>, towns: readonly Town[]): ValueLookups {
  const townIds = new Set(towns.map((t) => t.id));
  return {
    // A dictionary not loaded yet is not judged here; the server judges it.
    dictionaryCodes: (code) => dictionaries.get(code)?.codes,
    isTown: (id) => townIds.size === 0 || townIds.has(id),
    isOrganization: () => true,
    today: todayInShanghai(),
  };
}

const REASON_KEYS: Record<string, MessageKey> = {
  'field.required': 'common.required',
  'field.ledgers.notText': 'ledgers.assets.reason.notText',
  'field.ledgers.tooLong': 'ledgers.assets.reason.tooLong',
  'field.ledgers.patternMismatch': 'ledgers.assets.reason.patternMismatch',
  'field.ledgers.notNumber': 'ledgers.assets.reason.notNumber',
  'field.ledgers.notInteger': 'ledgers.assets.reason.notInteger',
  'field.ledgers.tooManyDecimals': 'ledgers.assets.reason.tooManyDecimals',
  'field.ledgers.tooSmall': 'ledgers.assets.reason.tooSmall',
  'field.ledgers.tooLarge': 'ledgers.assets.reason.tooLarge',
  'field.ledgers.notDate': 'ledgers.assets.reason.notDate',
  'field.ledgers.dateInFuture': 'ledgers.assets.reason.dateInFuture',
  'field.ledgers.unknownCode': 'ledgers.assets.reason.unknownCode',
  'field.ledgers.notCoordinates': 'ledgers.assets.reason.notCoordinates',
  'field.ledgers.notId': 'ledgers.assets.reason.notId',
  'field.ledgers.unknownTown': 'ledgers.assets.reason.unknownTown',
  'field.ledgers.unknownOrganization': 'ledgers.assets.reason.unknownOrganization',
};

/** One reason in words; money bounds (fen) are shown in 元 as the keeper typed them. */
export function reasonText(issue: Omit<ValueIssue, 'path'>, field: AnyField | undefined, t: Translate): string {
  const params = { ...(issue.params ?? {}) };
  if (field?.type === 'money') for (const k of ['min', 'max'] as const) if (typeof params[k] === 'number') params[k] = fenToYuan(params[k]);
  const key = REASON_KEYS[issue.reason];
  return key ? t(key, params) : t('ledgers.assets.reason.invalid');
}

export interface FieldErrors {
  name: (string | number)[];
  errors: string[];
}

/**
 * Turns the form's values of `fields` (under `prefix`, a dotted form path) into the API's values and checks them.
 * `partial`: only the keys present are sent (an event's changes).
 */
export function checkForm(
  fields: readonly AnyField[],
  formValues: Record<string, FormValue> | undefined,
  lookups: ValueLookups,
  t: Translate,
  options: { prefix: string; partial?: boolean; previous?: AssetValues },
): { values: AssetValues; errors: FieldErrors[] } {
  const path = options.prefix.split('.');
  const errors: FieldErrors[] = [];
  const input: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.retired) continue;
    if (options.partial && !(formValues && f.key in formValues)) continue;
    const wire = toWireValue(f, formValues?.[f.key]);
    if ('bad' in wire) errors.push({ name: [...path, f.key], errors: [t('ledgers.assets.reason.money')] });
    else input[f.key] = wire.value;
  }
  const checked = checkValues(fields, input, lookups, {
    partial: options.partial ?? false,
    prefix: options.prefix,
    ...(options.previous ? { previous: options.previous } : {}),
  });
  for (const issue of checked.issues) {
    const key = issue.path.slice(options.prefix.length + 1);
    if (errors.some((e) => e.name[e.name.length - 1] === key)) continue;
    errors.push({
      name: [...path, key],
      errors: [
        reasonText(
          issue,
          fields.find((f) => f.key === key),
          t,
        ),
      ],
    });
  }
  // Partial values go out as given: the asset's other values are the server's business.
  const values = options.partial ? (Object.fromEntries(Object.keys(input).map((k) => [k, checked.values[k] ?? null])) as AssetValues) : checked.values;
  return { values, errors };
}
