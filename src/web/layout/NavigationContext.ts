import { createContext, useContext } from 'react';
import type { MessageKey } from '../i18n/messages';
import type { Navigation } from './navigation';

/**
 * The composed navigation, provided by the app (App.tsx) so that the frame and the modules' pages (the home
 * page's shortcuts) read it without importing the module list themselves.
 */
export const NavigationContext = createContext<Navigation<MessageKey> | null>(null);

export function useNavigation(): Navigation<MessageKey> {
  const nav = useContext(NavigationContext);
  if (!nav) throw new Error('useNavigation must be used inside <NavigationContext.Provider>');
  return nav;
}
