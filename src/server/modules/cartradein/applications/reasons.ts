import { translate, type MessageKey } from '../../../core/messages.js';
// This module's messages, registered for translate (also when this file is used outside the app).
import '../messages.js';
import type { Locale } from '../../../../shared/roles.js';
import type { Reason } from '../programs/eligibility.js';

export interface ReasonView {
  code: string;
  message: string;
  params: Record<string, string | number>;
}

const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** A failed rule in the reader's language; codes inside parameters (国三, 身份证…) are translated too. */
export function describeReason(locale: Locale, r: Reason): ReasonView {
  const params: Record<string, string | number> = { ...(r.params ?? {}) };
  const shown: Record<string, unknown> = { ...params };
  if (typeof params.max === 'string') shown.max = translate(locale, `cartradein.emission.${params.max}` as MessageKey);
  if (typeof params.evidence === 'string') shown.evidence = translate(locale, `cartradein.evidence.${params.evidence}` as MessageKey);
  if (typeof params.field === 'string') shown.field = translate(locale, `cartradein.field.${params.field}` as MessageKey);
  if (typeof params.maxMl === 'number') shown.maxL = (params.maxMl / 1000).toFixed(1);
  if (typeof params.priceFen === 'number') shown.price = yuan(params.priceFen);
  return { code: r.code, message: translate(locale, `cartradein.reason.${r.code}` as MessageKey, shown), params };
}

export function describeReasons(locale: Locale, reasons: readonly Reason[]): ReasonView[] {
  return reasons.map((r) => describeReason(locale, r));
}
