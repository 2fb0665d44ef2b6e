import type { MessageKey } from './i18n/messages';
import type { Navigation, NavItem, NavSection } from './layout/navigation';
import type { GrantDomainTexts } from './layout/webModule';
import { WEB_MODULES } from './modules';

/** What the app takes from a module (its messages go to the i18n catalogue instead). */
type Composable = {
  sections?: readonly NavSection<MessageKey>[];
  navigation: readonly NavItem<MessageKey>[];
  grantDomains?: readonly GrantDomainTexts<MessageKey>[];
};

/**
 * The app's navigation composed from the modules: every module's pages in module order, the sections by their
 * `order`, and the grant domains they name. The router makes one route per page; the frame shows the menu from
 * it and the grants page names the domains by it (both through NavigationContext).
 */
function compose(modules: readonly Composable[]): Navigation<MessageKey> {
  return {
    sections: modules.flatMap((m) => m.sections ?? []).sort((a, b) => a.order - b.order),
    items: modules.flatMap((m) => m.navigation),
    grantDomains: modules.flatMap((m) => m.grantDomains ?? []),
  };
}

export const NAVIGATION: Navigation<MessageKey> = compose(WEB_MODULES);
