import type { Locale } from '../../shared/roles.js';
import { SHARED_MESSAGES, fillPlaceholders, type LocalisedText, type SharedMessageKey } from '../../shared/i18n/messages.js';

/**
 * Every message the server can send, in the caller's language: the shared ones and each module's own. A module's
 * `messages.ts` declares its catalogue with `defineMessages`, registers it here when it is loaded, and adds its
 * keys to `ModuleMessageKeys` by declaration merging — so `MessageKey` is the union of every installed module's
 * keys without this file naming a module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModuleMessageKeys {}

export type MessageKey = SharedMessageKey | (keyof ModuleMessageKeys & string);

const catalogue = new Map<string, LocalisedText>(Object.entries(SHARED_MESSAGES));

/** Adds a module's messages; a key another catalogue already gives a different text is a programming error. */
export function registerMessages(messages: Readonly<Record<string, LocalisedText>>): void {
  for (const [key, text] of Object.entries(messages)) {
    const known = catalogue.get(key);
    if (known && (known['zh-CN'] !== text['zh-CN'] || known.en !== text.en)) throw new Error(`message ${key} is defined twice`);
    catalogue.set(key, text);
  }
}

export function isMessageKey(key: string): key is MessageKey {
  return catalogue.has(key);
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, unknown> = {}): string {
  const text = catalogue.get(key);
  // Only a module that was never loaded can be missing; say which key rather than print nothing.
  if (!text) return key;
  return fillPlaceholders(text[locale], params);
}
