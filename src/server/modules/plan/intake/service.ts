import type { RequestContext } from '../../../core/context.js';
import { fieldError } from '../../../core/errors.js';
import { translate } from '../../../core/messages.js';
import { authorize } from '../../../core/policy.js';
import { draftFromText } from './draft.js';
import { documentKind, documentText } from './extractText.js';
import { planIntakePolicy } from './policy.js';
import type { IntakeResult } from './schema.js';
import type { IntakeMessageKey } from './messages.js';

/** A document shorter than this cannot be a plan (a title alone, a stray paste). */
const MIN_CHARS = 20;

/** Reads a plan draft from the document's text; writes nothing (the office loads it through the plan import). */
export function draftPlan(ctx: RequestContext, text: string, path = 'text'): IntakeResult {
  authorize(ctx.actor, planIntakePolicy, 'draft');
  if (text.replace(/\s/g, '').length < MIN_CHARS) throw fieldError(path, 'field.plan.intakeTooShort', { min: MIN_CHARS });
  const { draft, items, warnings } = draftFromText(text);
  return {
    draft: draft as unknown as Record<string, unknown>,
    text,
    items,
    warnings: warnings.map((w) => ({
      key: w.key,
      message: translate(ctx.locale, `plan.intake.warning.${w.key}` satisfies IntakeMessageKey, w.params),
      path: w.path,
      span: w.span,
    })),
  };
}

/** The same from an uploaded .docx, text-layer PDF or UTF-8 text file. */
export async function draftPlanFromUpload(ctx: RequestContext, filename: string, data: Buffer): Promise<IntakeResult> {
  authorize(ctx.actor, planIntakePolicy, 'draft');
  const kind = documentKind(data);
  const byName = /\.(docx|pdf|txt)$/i.exec(filename)?.[1]?.toLowerCase();
  if (!kind || (byName && byName !== (kind === 'text' ? 'txt' : kind)) || (!byName && kind !== 'text'))
    throw fieldError('file', 'field.fileType', { allowed: 'docx, pdf, txt' });
  let text: string;
  try {
    text = await documentText(kind, data);
  } catch {
    throw fieldError('file', 'field.plan.intakeUnreadable');
  }
  if (text.replace(/\s/g, '').length < MIN_CHARS)
    throw fieldError('file', kind === 'pdf' ? 'field.plan.intakeNoTextLayer' : 'field.plan.intakeTooShort', { min: MIN_CHARS });
  return draftPlan(ctx, text, 'file');
}
