/** Delivery and installation: the server's view shape (type-only) and the query keys. */
import type { FulfilmentView } from '../../../../../server/modules/tradein/fulfilment/schema';
import type { FulfilmentPhoto } from '../../../../../server/modules/tradein/fulfilment/service';
import type { TimelineItem } from '../../../../../server/modules/platform/timeline/timeline';
import type { Page } from '../../../../api/types';

export type { FulfilmentView, Page };
export type FulfilmentDetail = FulfilmentView & { photos: FulfilmentPhoto[]; timeline: TimelineItem[] };

export const fulfilmentKeys = {
  all: ['tradein', 'fulfilments'] as const,
  list: (q: object) => ['tradein', 'fulfilments', q] as const,
  detail: (id: number) => ['tradein', 'fulfilments', 'detail', id] as const,
};
