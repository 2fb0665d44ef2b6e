import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { fieldError } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { addDays } from '../../../core/time.js';
import { inTransaction } from '../../../db/database.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { carProgramPolicy } from '../policies/program.js';
import type { CarProgramView, RolloverCarProgramInput } from './schema.js';
import { insertCarProgram, loadCarProgramView } from './service.js';
import { copyCarBudget } from '../budget/service.js';

/**
 * Carries a car programme into its next window as a new draft with the old one's current rule, for 市商务局 to
 * edit (the ownership and disposal dates of the rule are the year's) and activate. The old programme keeps its
 * applications, which are reviewed and paid after its window as before, and its rule history; the new one's
 * history starts with a version that names where it came from.
 */
export async function rolloverCarProgram(deps: AppDeps, ctx: RequestContext, sourceId: number, input: RolloverCarProgramInput): Promise<CarProgramView> {
  const id = await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, carProgramPolicy, 'create', { grants: await grantsOf(tx, ctx.actor, 'cartradein') }, sourceId);
    const source = await loadCarProgramView(tx, sourceId);
    const validFrom = input.validFrom ?? addDays(source.validTo, 1);
    // Two open windows of one programme line would let one car be subsidised twice under two rules.
    if (validFrom <= source.validTo) throw fieldError('validFrom', 'field.cartradein.rolloverOverlap', { date: source.validTo });
    const newId = await insertCarProgram(
      tx,
      {
        code: input.code,
        name: input.name,
        kind: source.kind,
        status: 'draft',
        validFrom,
        validTo: input.validTo,
        isExample: source.isExample,
        ...(source.sourceNote ? { sourceNote: source.sourceNote } : {}),
        rule: source.rule,
      },
      ctx.actor.userId,
      { rolledOverFromId: sourceId, ruleNote: `沿用 ${source.code} 第 ${source.ruleVersion} 版规则 · carried over from ${source.code} v${source.ruleVersion}` },
    );
    // The next window starts from the same funding split, which 市商务局 then adjusts to the year's allocation.
    await copyCarBudget(tx, sourceId, newId, ctx.actor.userId, `沿用 ${source.code} 的预算 · budget carried over from ${source.code}`);
    await appendAudit(tx, ctx, {
      entity: 'cartradein_program',
      entityId: newId,
      action: 'rollover',
      after: { from: { id: sourceId, code: source.code }, ...input, validFrom },
    });
    return newId;
  });
  return loadCarProgramView(deps.database.db, id);
}
