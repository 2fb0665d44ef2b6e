import type { NavItem } from '../../../../layout/navigation';
import type { RenewalMessageKey } from '../../index';

/** The standards pages in the menu (filled in by the part). */
export const standardsNavigation: NavItem<RenewalMessageKey>[] = [];
