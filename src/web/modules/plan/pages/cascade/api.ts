/** The cascade page's API shapes, taken from the server's zod schemas (type-only: nothing of the server is bundled). */
import type { CascadeLevelView, CascadeListView, CascadePlanView, CascadeView } from '../../../../../server/modules/plan/cascade/schema';

export type { CascadeLevelView, CascadeListView, CascadePlanView, CascadeView };
export type IndicatorLevel = Extract<CascadeLevelView, { kind: 'indicator' }>;
export type MissingLevel = Extract<CascadeLevelView, { kind: 'missing' }>;
export type Share = NonNullable<IndicatorLevel['share']>;

export const cascadeKeys = {
  list: ['plan', 'cascade', 'list'] as const,
  chain: (id: number) => ['plan', 'cascade', 'chain', id] as const,
};
