import type { FastifyInstance } from 'fastify';
import { badRequest, type FieldIssue } from '../core/errors.js';

/**
 * Control characters other than tab and line breaks (NUL, backspace, the escape that starts a terminal sequence,
 * DEL) have no place in anything a person types; stored, they break exports and can rewrite a terminal that shows
 * a log. Checked once for every JSON body before its schema, naming each field.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function collect(value: unknown, path: string, out: FieldIssue[]): void {
  if (out.length >= 20) return;
  if (typeof value === 'string') {
    if (CONTROL.test(value)) out.push({ path, reason: 'field.controlCharacters' });
  } else if (Array.isArray(value)) value.forEach((v, i) => collect(v, path ? `${path}.${i}` : String(i), out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const key = path ? `${path}.${k}` : k;
      if (CONTROL.test(k)) out.push({ path: key, reason: 'field.controlCharacters' });
      collect(v, key, out);
    }
}

export function installControlCharacterGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined || request.body === null || typeof request.body !== 'object') return;
    // Multipart bodies are files (their names are checked where they are stored); JSON is what people typed.
    if (!String(request.headers['content-type'] ?? '').includes('json')) return;
    const issues: FieldIssue[] = [];
    collect(request.body, '', issues);
    if (issues.length) throw badRequest(issues);
  });
}
