import type { Locale } from '../../shared/roles';
import { WEB_MODULES } from '../modules';
import type { MessageKeyOf } from '../layout/webModule';
import type { Text } from './catalogue';
import { CORE_MESSAGES } from './coreMessages';

/**
 * The web app's message catalogue: web core's texts and every module's (src/web/modules/index.ts), both
 * languages side by side per key. MessageKey is the union of all their keys, so a missing or misspelt key does
 * not compile; the contract test (modules/contract.test.ts) checks that no two catalogues declare the same key.
 */
type ModuleMessageKey = { [I in keyof typeof WEB_MODULES]: MessageKeyOf<(typeof WEB_MODULES)[I]> }[number];
export type MessageKey = keyof typeof CORE_MESSAGES | ModuleMessageKey;

const ALL: Record<MessageKey, Text> = Object.assign({}, CORE_MESSAGES, ...WEB_MODULES.map((m) => m.messages));

function catalogue(locale: Locale): Record<MessageKey, string> {
  return Object.fromEntries(Object.entries(ALL).map(([key, text]) => [key, text[locale]])) as Record<MessageKey, string>;
}

export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': catalogue('zh-CN'), en: catalogue('en') };

export type MessageParams = Record<string, string | number | null | undefined>;

export function format(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGUES[locale][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}
