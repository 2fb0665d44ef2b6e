import type { NavItem } from '../../../../layout/navigation';
import type { RenewalMessageKey } from '../../index';

/** The survey pages in the menu (filled in by the part). */
export const surveyNavigation: NavItem<RenewalMessageKey>[] = [];
