import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { rateLimitsOf } from '../../../core/rateLimits.js';

/**
 * Claim bursts per person and per client address, counted in the store every app process shares (Redis when
 * REDIS_URL is set, the database otherwise). A script that fires claims for one account, or a farm of accounts
 * behind one address, is told to wait before its requests reach the claim batch; a resident who presses the
 * button a few times never is. The limits are system parameters (`tradein.claimBurst…`).
 */
export const claimRateLimited = (seconds: number) => new AppError(429, 'CLAIM_RATE_LIMITED', 'error.CLAIM_RATE_LIMITED', { seconds });

export async function checkClaimBurst(deps: Pick<AppDeps, 'config' | 'database' | 'parameters'>, ctx: RequestContext): Promise<void> {
  const [perPerson, perAddress, windowSeconds] = await Promise.all([
    deps.parameters.get('tradein.claimBurstPerPerson'),
    deps.parameters.get('tradein.claimBurstPerAddress'),
    deps.parameters.get('tradein.claimBurstWindowSeconds'),
  ]);
  const limits = new Map<string, number>([[`claim:person:${ctx.actor.userId}`, perPerson]]);
  if (ctx.ip) limits.set(`claim:address:${ctx.ip}`, perAddress);
  const counts = await rateLimitsOf(deps).countHits([...limits.keys()], windowSeconds * 1000);
  const over = counts.filter((c) => c.hits > limits.get(c.key)!);
  if (over.length === 0) return;
  const resetsAt = Math.max(...over.map((c) => c.resetsAt));
  throw claimRateLimited(Math.max(1, Math.ceil((resetsAt - Date.now()) / 1000)));
}
