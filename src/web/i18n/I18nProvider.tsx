import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_LOCALE, type Locale } from '../../shared/roles';
import { setApiLocale } from '../api/client';
import { format, type MessageKey, type MessageParams } from './messages';

const STORAGE_KEY = 'hx_locale';

/** The language this browser chose last, if it ever chose one. */
export function storedLocale(): Locale | null {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'zh-CN' ? v : null;
  } catch {
    return null;
  }
}

function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

interface I18nValue {
  locale: Locale;
  /** Switches the language and remembers it on this device (the account's copy is saved by the auth layer). */
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function applyDocumentLocale(locale: Locale) {
  document.documentElement.lang = locale === 'en' ? 'en' : 'zh-CN';
  setApiLocale(locale);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = storedLocale() ?? DEFAULT_LOCALE;
    applyDocumentLocale(initial);
    return initial;
  });
  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    applyDocumentLocale(next);
    setLocaleState(next);
  }, []);
  const value = useMemo<I18nValue>(() => ({ locale, setLocale, t: (key, params) => format(locale, key, params) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT must be used inside <I18nProvider>');
  return value;
}

/** The translate function of the current language: `t('nav.home')`, `t('common.total', { total: 3 })`. */
export function useT(): Translate {
  return useI18n().t;
}

export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => void } {
  const { locale, setLocale } = useI18n();
  return { locale, setLocale };
}
