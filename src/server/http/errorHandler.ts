import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isMessageKey, registerMessages, translate, type MessageKey } from '../core/messages.js';
import { defineMessages } from '../../shared/i18n/messages.js';
import type { Locale } from '../../shared/roles.js';
import { AppError, type FieldIssue } from '../core/errors.js';
import { resolveLocale } from '../core/locale.js';
import { isUniqueViolation } from '../db/errors.js';

/** The kernel's own refusals that happen before a route is found (the router's, not a route's). */
const kernelMessages = defineMessages({
  'error.URI_TOO_LONG': {
    'zh-CN': '路径参数过长（每段最多 {max} 个字符）',
    en: 'A path parameter is too long (at most {max} characters each)',
  },
  'error.BAD_URL': {
    'zh-CN': '请求路径含有无法解码的字符',
    en: 'The request path contains characters that cannot be decoded',
  },
});
registerMessages(kernelMessages);

declare module '../core/messages.js' {
  interface ModuleMessageKeys extends Record<keyof typeof kernelMessages, true> {}
}

export interface ErrorDetail {
  field: string;
  reason: string;
  message: string;
}

interface ZodLikeIssue {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}

function localeOf(request: FastifyRequest): Locale {
  return request.ctx?.locale ?? resolveLocale(null, request.headers['accept-language']);
}

/** Maps one zod issue to a field reason in the caller's language. */
function describeZodIssue(issue: ZodLikeIssue, prefix: string, locale: Locale): ErrorDetail {
  const path = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  const field = path || prefix;
  const p = issue.params;
  let key: MessageKey = 'field.invalid';
  let params: Record<string, unknown> = {};
  switch (issue.keyword) {
    case 'custom':
      if (isMessageKey(issue.message)) key = issue.message;
      break;
    case 'invalid_type':
      // zod 4 leaves the input out of issues; its message says what was received.
      key = /received undefined/.test(issue.message) ? 'field.required' : 'field.invalid_type';
      params = { expected: p.expected };
      break;
    case 'too_small':
    case 'too_big': {
      const origin = p.origin === 'string' || p.origin === 'array' ? p.origin : 'number';
      key = `field.${issue.keyword}.${origin}` as MessageKey;
      params = { minimum: p.minimum, maximum: p.maximum };
      break;
    }
    case 'invalid_value':
      key = 'field.invalid_value';
      params = { values: Array.isArray(p.values) ? p.values.join(', ') : '' };
      break;
    case 'invalid_format':
      key = 'field.invalid_format';
      break;
    case 'unrecognized_keys':
      key = 'field.unrecognized_keys';
      params = { keys: Array.isArray(p.keys) ? p.keys.join(', ') : '' };
      break;
  }
  const reason = key.startsWith('field.') ? key.slice(6) : key;
  return { field, reason, message: translate(locale, key, params) };
}

export function fieldDetails(fields: FieldIssue[], locale: Locale): ErrorDetail[] {
  return fields.map((f) => ({
    field: f.path,
    reason: f.reason.replace(/^field\./, ''),
    message: translate(locale, f.reason, f.params),
  }));
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string, details: ErrorDetail[] = []): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: { code, message, details } });
}

/**
 * Fastify's router answers a path parameter over `maxParamLength` (414) and an undecodable path (400) itself, in
 * its own shape; this gives them the API's shape and the caller's language (installed as `frameworkErrors`).
 */
export function frameworkErrorHandler(maxParamLength: number) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const locale = localeOf(request);
    if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
      sendError(reply, 414, 'URI_TOO_LONG', translate(locale, 'error.URI_TOO_LONG', { max: maxParamLength }));
      return;
    }
    if (err.code === 'FST_ERR_BAD_URL') {
      sendError(reply, 400, 'BAD_URL', translate(locale, 'error.BAD_URL'));
      return;
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
    sendError(reply, status, 'BAD_REQUEST', translate(locale, 'error.VALIDATION_FAILED'));
  };
}

/** Invoked after a 403 so the refusal itself lands in the audit trail (in its own transaction). */
export type DenialRecorder = (request: FastifyRequest, error: AppError) => Promise<void>;

export function installErrorHandling(app: FastifyInstance, recordDenial: DenialRecorder): void {
  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    const locale = localeOf(request);
    if (err instanceof AppError) {
      if (err.status === 403) await recordDenial(request, err).catch((e) => request.log.error(e, 'audit of denial failed'));
      // A refusal that says how long to wait (a rate limit, a full queue) says it to clients too.
      if ((err.status === 429 || err.status === 503) && typeof err.params.seconds === 'number') reply.header('retry-after', String(err.params.seconds));
      return sendError(reply, err.status, err.code, translate(locale, err.messageKey, err.params), fieldDetails(err.fields, locale));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const prefix = (err as { validationContext?: string }).validationContext ?? '';
      const details = (err.validation as unknown as ZodLikeIssue[]).map((i) => describeZodIssue(i, prefix, locale));
      return sendError(reply, 400, 'VALIDATION_FAILED', translate(locale, 'error.VALIDATION_FAILED'), details);
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return sendError(reply, 500, 'INTERNAL', translate(locale, 'error.INTERNAL', { requestId: request.id }));
    }
    if (isUniqueViolation(err))
      // A race between two identical submissions: the database kept one; the loser hears it is a duplicate.
      return sendError(reply, 409, 'DUPLICATE', translate(locale, 'error.CONFLICT'));
    const status = err.statusCode ?? 500;
    if (status === 413) return sendError(reply, 413, 'PAYLOAD_TOO_LARGE', translate(locale, 'error.PAYLOAD_TOO_LARGE'));
    if (status === 415) return sendError(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', translate(locale, 'error.UNSUPPORTED_MEDIA_TYPE'));
    if (status === 400 && (err instanceof SyntaxError || err.code?.startsWith('FST_ERR_CTP')))
      return sendError(reply, 400, 'MALFORMED_JSON', translate(locale, 'error.MALFORMED_JSON'));
    if (status >= 400 && status < 500) {
      const code = status === 404 ? 'NOT_FOUND' : status === 429 ? 'TOO_MANY_REQUESTS' : 'BAD_REQUEST';
      return sendError(reply, status, code, status === 404 ? translate(locale, 'error.NOT_FOUND') : err.message);
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(reply, 500, 'INTERNAL', translate(locale, 'error.INTERNAL', { requestId: request.id }));
  });
}
