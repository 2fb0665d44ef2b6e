import type { NavItem } from '../../../../layout/navigation';
import type { LedgersMessageKey } from '../../index';

/** The ledger kinds pages. */
export const kindsNavigation: NavItem<LedgersMessageKey>[] = [];
