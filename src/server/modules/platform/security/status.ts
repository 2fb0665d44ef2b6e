/** How a control stands: every proof present and passing, some, none, or one that failed. */
export const CONTROL_STATUSES = ['met', 'partly', 'not_evidenced', 'failing'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export interface StatusInput {
  /** One per mapped evidence key: absent, unreadable, or its ok. */
  evidence: ('missing' | 'unreadable' | 'ok' | 'failed')[];
  facts: ('ok' | 'warn' | 'fail')[];
}

/**
 * failing — a proof failed or a live fact is failing (a broken audit chain); not evidenced — no proof on file;
 * met — every proof on file and passing and no live fact needing attention; partly — anything in between
 * (a proof missing or unreadable, or a fact to look at such as no second factor configured).
 */
export function controlStatus({ evidence, facts }: StatusInput): ControlStatus {
  if (evidence.includes('failed') || facts.includes('fail')) return 'failing';
  if (!evidence.includes('ok')) return 'not_evidenced';
  if (evidence.every((e) => e === 'ok') && facts.every((f) => f === 'ok')) return 'met';
  return 'partly';
}
