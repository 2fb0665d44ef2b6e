import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import type { HomeNoticeProvider } from '../../../core/module.js';
import { authorize } from '../../../core/policy.js';
import { translate } from '../../../core/messages.js';
import { homeNoticePolicy } from '../policies/homeNotice.js';

const LEVEL_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Every module's notices for this actor, most urgent first, in the actor's language. */
export async function homeNotices(deps: AppDeps, ctx: RequestContext, providers: readonly HomeNoticeProvider[], now = new Date()) {
  authorize(ctx.actor, homeNoticePolicy, 'list');
  const lists = await Promise.all(providers.map((p) => p(deps, ctx, now)));
  return lists
    .flat()
    .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.key.localeCompare(b.key))
    .map((n) => ({ key: n.key, level: n.level, message: translate(ctx.locale, n.messageKey, n.params), link: n.link ?? null }));
}
