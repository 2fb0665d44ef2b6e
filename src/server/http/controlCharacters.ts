import type { FastifyInstance } from 'fastify';
import { badRequest, type FieldIssue } from '../core/errors.js';

/**
 * Control characters other than tab and line breaks — C0 (NUL, backspace, the ESC that starts a terminal sequence),
 * DEL and C1 (U+0080–U+009F, among them the single-character CSI U+009B that some terminals obey) — have no place in
 * anything a person types; stored, they break exports and can rewrite a terminal that shows a log. Checked once for
 * every JSON body, query string and path parameter before its schema, naming each field; tabs, line feeds and
 * carriage returns stay allowed (multi-line text).
 */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const MAX_ISSUES = 20;

function collect(value: unknown, path: string, out: FieldIssue[]): void {
  if (out.length >= MAX_ISSUES) return;
  if (typeof value === 'string') {
    if (CONTROL_CHARACTERS.test(value)) out.push({ path, reason: 'field.controlCharacters' });
  } else if (Array.isArray(value)) value.forEach((v, i) => collect(v, path ? `${path}.${i}` : String(i), out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const key = path ? `${path}.${k}` : k;
      if (CONTROL_CHARACTERS.test(k) && out.length < MAX_ISSUES) out.push({ path: key, reason: 'field.controlCharacters' });
      collect(v, key, out);
    }
}

export function installControlCharacterGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const issues: FieldIssue[] = [];
    // Path parameters and the query are text too (a search box, a code in the path); named as the schemas name them.
    collect(request.params, '', issues);
    collect(request.query, '', issues);
    // Multipart bodies are files (their names are checked where they are stored); JSON is what people typed.
    const body = request.body;
    if (body !== undefined && body !== null && typeof body === 'object' && String(request.headers['content-type'] ?? '').includes('json'))
      collect(body, '', issues);
    if (issues.length) throw badRequest(issues);
  });
}
