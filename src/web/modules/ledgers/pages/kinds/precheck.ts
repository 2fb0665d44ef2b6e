/**
 * The server's own checks of a definition, run in the browser before sending (src/shared/ledgers): the schema,
 * then the cross-field problems against the version being replaced. What they find is shown like the server's
 * answer would be, without the round trip.
 */
import { useCallback } from 'react';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import { ledgerDefinition, type LedgerDefinition, type LedgerDefinitionInput } from '../../../../../shared/ledgers/definition';
import { definitionProblems } from '../../../../../shared/ledgers/problems';

/** Problem reasons the editor words itself (the server words them the same in its answer). */
const REASONS: Record<string, MessageKey> = {
  'field.required': 'common.required',
  'field.ledgers.key': 'ledgers.kinds.keyRule',
  'field.ledgers.duplicateKey': 'ledgers.kinds.problem.duplicateKey',
  'field.ledgers.notForType': 'ledgers.kinds.problem.notForType',
  'field.ledgers.maxBelowMin': 'ledgers.kinds.problem.maxBelowMin',
  'field.ledgers.patternUnsafe': 'ledgers.kinds.patternUnsafe',
  'field.ledgers.patternInvalid': 'ledgers.kinds.patternInvalid',
  'field.ledgers.unknownField': 'ledgers.kinds.problem.unknownField',
  'field.ledgers.wrongFieldType': 'ledgers.kinds.problem.wrongFieldType',
  'field.ledgers.tooManyNumericEventFields': 'ledgers.kinds.problem.tooManyNumericEventFields',
  'field.ledgers.metricNeedsOldRule': 'ledgers.kinds.problem.metricNeedsOldRule',
  'field.ledgers.noSuchEvent': 'ledgers.kinds.problem.noSuchEvent',
  'field.ledgers.fieldInUse': 'ledgers.kinds.problem.fieldInUse',
  'field.ledgers.typeFixed': 'ledgers.kinds.problem.typeFixed',
  'field.ledgers.eventInUse': 'ledgers.kinds.problem.eventInUse',
  'field.ledgers.metricInUse': 'ledgers.kinds.problem.metricInUse',
  'field.ledgers.tooManyFields': 'ledgers.kinds.problem.tooManyFields',
};

/** The definition as the server will read it (defaults filled in), or what is wrong with it. */
export type Checked = { definition: LedgerDefinition; problems: [] } | { definition: null; problems: { path: string; message: string }[] };

export function useBrowserCheck() {
  const t = useT();
  return useCallback(
    (input: LedgerDefinitionInput, previous: LedgerDefinition | null): Checked => {
      const parsed = ledgerDefinition.safeParse(input);
      if (!parsed.success)
        return {
          definition: null,
          problems: parsed.error.issues.map((issue) => ({
            path: issue.path.join('.'),
            message: REASONS[issue.message] ? t(REASONS[issue.message]!) : t('ledgers.kinds.problem.invalid'),
          })),
        };
      const problems = definitionProblems(parsed.data, previous).map((p) => ({
        path: p.path,
        message: REASONS[p.reason] ? t(REASONS[p.reason]!, p.params) : t('ledgers.kinds.problem.invalid'),
      }));
      return problems.length ? { definition: null, problems } : { definition: parsed.data, problems: [] };
    },
    [t],
  );
}
