import type { Locale } from '../../shared/roles';
import { platformEn, platformZh } from './platform';
import { tradeinEn, tradeinZh } from './tradein';
import { planEn, planZh } from './plan';
import { cartradeinEn, cartradeinZh } from './cartradein';

/**
 * The web app's message catalogue, one object per language. A module adds its messages by writing
 * `i18n/<module>.ts` (zh object `as const`, en typed `Record<keyof typeof zh, string>`) and spreading both here.
 */
const zhCN = { ...platformZh, ...planZh, ...cartradeinZh, ...tradeinZh } as const;
export type MessageKey = keyof typeof zhCN;

const en: Record<MessageKey, string> = { ...platformEn, ...planEn, ...cartradeinEn, ...tradeinEn };

export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type MessageParams = Record<string, string | number | null | undefined>;

export function format(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGUES[locale][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}
