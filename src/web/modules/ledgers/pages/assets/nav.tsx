import type { NavItem } from '../../../../layout/navigation';
import type { LedgersMessageKey } from '../../index';

/** The ledger assets pages. */
export const assetsNavigation: NavItem<LedgersMessageKey>[] = [];
