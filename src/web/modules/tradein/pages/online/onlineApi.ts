/** Shapes of the online stores and orders API (type-only from the server's schemas) and their query keys. */
import type { OnlineOrderView, OnlineStoreView } from '../../../../../server/modules/tradein/online/schema';

export type { OnlineOrderView, OnlineStoreView };

export const onlineKeys = {
  stores: (q: object) => ['tradein', 'online-stores', q] as const,
  orders: (q: object) => ['tradein', 'online-orders', q] as const,
  mine: (page: number) => ['tradein', 'online-orders', 'mine', page] as const,
};

const ORDER_COLORS: Record<OnlineOrderView['status'], string> = {
  awaiting_confirmation: 'processing',
  confirmed: 'success',
  declined: 'default',
  cancelled: 'default',
  expired: 'warning',
};
export const orderColor = (s: OnlineOrderView['status']) => ORDER_COLORS[s];
