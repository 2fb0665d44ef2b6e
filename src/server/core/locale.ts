import { DEFAULT_LOCALE, type Locale } from '../../shared/roles.js';

/** zh-CN unless the caller asks for English (the user's saved setting wins over Accept-Language). */
export function resolveLocale(saved: string | null | undefined, acceptLanguage: string | undefined): Locale {
  if (saved === 'en' || saved === 'zh-CN') return saved;
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}
