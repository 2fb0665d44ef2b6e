import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { ALLOWED_BEFORE_PASSWORD_CHANGE } from './requestContext.js';

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type TransformObjectInput = Parameters<typeof jsonSchemaTransformObject>[0];
type Schema = Record<string, unknown>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Error statuses a route's service can answer beyond what its declaration implies (e.g. 429 of a throttle); the
     * OpenAPI document lists them. Everything else is derived from the route's policy, params, query and body.
     */
    errorStatuses?: readonly number[];
  }
}

/** The one error shape every 4xx and 5xx of the API has (http/errorHandler.ts `sendError`). */
const ERROR_BODY = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', description: 'Stable machine code, e.g. VALIDATION_FAILED, INVALID_STATE, DUPLICATE' },
        message: { type: 'string', description: "In the caller's language (Accept-Language, or the account's)" },
        details: {
          type: 'array',
          description: 'One entry per field at fault',
          items: {
            type: 'object',
            required: ['field', 'reason', 'message'],
            additionalProperties: false,
            properties: {
              field: { type: 'string', description: 'Dotted path of the field (body, query or path parameter)' },
              reason: { type: 'string', description: 'Stable reason, e.g. required, too_big.string, controlCharacters' },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
};

/** Statuses a kernel answers on the routes named here (the login throttle and lockout). */
const THROTTLED_ROUTES = new Set(['/api/auth/login']);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const FILE_TYPES: [RegExp, string][] = [
  [/\.xlsx$|\/template$|\/export$/, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  [/\.docx$/, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
];

/** Downloads that are JSON files (the plan file, re-importable), not spreadsheets. */
const JSON_DOWNLOADS = new Set(['/api/plans/:id/export']);

function fileResponse(url: string) {
  if (JSON_DOWNLOADS.has(url))
    return { description: 'The file, as JSON', content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } } };
  const type = FILE_TYPES.find(([re]) => re.test(url))?.[1] ?? 'application/octet-stream';
  return { description: 'The file', content: { [type]: { schema: { type: 'string', format: 'binary' } } } };
}

/**
 * The OpenAPI document as clients need it, on top of the zod schemas, derived from each route's declaration rather
 * than claimed for all: 400 where there is input to refuse; 401 and 403 where a policy applies (on public routes
 * only what the kernel still checks: an unknown API token, the CSRF header of a session, a password that must be
 * changed first); 404 where the path names a record; 409, 413, 415 and 422 where a body or an Idempotency-Key can be
 * sent; 414 where a path parameter can be too long; 429 where a throttle applies; 204 as no content; public routes
 * without a security requirement; uploads with their multipart body. Only the document: requests are still validated
 * by the routes' own schemas.
 */
export function documentedTransform(input: TransformInput) {
  const out = jsonSchemaTransform(input);
  const schema = out.schema as Schema;
  const route = input.route;
  const config = (route.config ?? {}) as { policy?: unknown; errorStatuses?: readonly number[] };
  const isPublic = config.policy === 'public';
  const methods = ([] as string[]).concat(route.method as string | string[]);
  const unsafe = methods.some((m) => !SAFE.has(m));
  const hasParams = input.url.includes(':');
  // A query or body naming a record by id (?planId=…, {"redemptionId":…}) can name one that does not exist.
  const query = schema.querystring as { properties?: Record<string, unknown> } | undefined;
  const body = schema.body as { properties?: Record<string, unknown> } | undefined;
  const byId = (o?: { properties?: Record<string, unknown> }) => Object.keys(o?.properties ?? {}).some((k) => k === 'id' || k.endsWith('Id'));
  const namesRecord = hasParams || byId(query) || byId(body);
  const consumes = schema.consumes as string[] | undefined;
  const multipart = consumes?.includes('multipart/form-data') ?? false;
  const hasInput = hasParams || !!route.schema?.querystring || !!route.schema?.body || multipart || unsafe;
  if (isPublic) schema.security = [];

  const response: Schema = { ...((schema.response as Schema | undefined) ?? {}) };
  if (response['204']) response['204'] = { description: 'No content', type: 'null' };
  // A download declares no body schema in zod; say what it is.
  if (!Object.keys(response).some((s) => s.startsWith('2'))) response['200'] = fileResponse(input.url);
  const add = (status: number, description: string) => {
    if (!response[String(status)]) response[String(status)] = { description, ...ERROR_BODY };
  };
  if (hasInput) add(400, 'Invalid input (VALIDATION_FAILED, MALFORMED_JSON): one entry per field in details, with its reason and message');
  if (!isPublic) add(401, 'Not signed in, or the session ended (UNAUTHENTICATED)');
  else add(401, 'The Authorization header names an unknown, expired or revoked API token (UNAUTHENTICATED)');
  if (!isPublic) add(403, 'Not allowed by the policy (FORBIDDEN; the refusal is audited), or the session has no CSRF header');
  else if (unsafe) add(403, 'A signed-in session without its CSRF header (CSRF_FAILED), or refused by the service');
  else if (!ALLOWED_BEFORE_PASSWORD_CHANGE.has(input.url)) add(403, 'A session that must change its password first (PASSWORD_CHANGE_REQUIRED)');
  if (namesRecord) add(404, 'No such record, or not one the caller may see');
  if (hasParams) add(414, 'A path parameter over 1,000 characters (URI_TOO_LONG)');
  if (unsafe) {
    add(409, "In conflict with the record's state or a value already taken, or the same Idempotency-Key still running");
    add(413, multipart ? 'The file or the body is over the size limit (PAYLOAD_TOO_LARGE)' : 'The body is over the size limit (PAYLOAD_TOO_LARGE)');
    add(415, 'The body is neither JSON nor, for uploads, multipart/form-data (UNSUPPORTED_MEDIA_TYPE)');
  }
  if (methods.includes('POST')) add(422, 'The Idempotency-Key was used before with another body (IDEMPOTENCY_KEY_REUSED)');
  if (THROTTLED_ROUTES.has(input.url)) add(429, 'Too many failed sign-ins: the account is locked for a while (ACCOUNT_LOCKED)');
  for (const status of config.errorStatuses ?? []) add(status, 'Refused by the service');
  schema.response = response;

  if (multipart && !schema.body)
    schema.body = {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'The file (one per request)' } },
    };
  return out;
}

/** The components of the zod registry, plus the error shape under a name clients can generate a type from. */
export function documentedTransformObject(input: TransformObjectInput) {
  const doc = jsonSchemaTransformObject(input) as { components?: { schemas?: Schema } };
  const components = (doc.components ??= {});
  components.schemas = { ...(components.schemas ?? {}), ApiError: ERROR_BODY };
  return doc as ReturnType<typeof jsonSchemaTransformObject>;
}
