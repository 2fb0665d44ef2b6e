import { jsonSchemaTransform } from 'fastify-type-provider-zod';

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type Schema = Record<string, unknown>;

/** The one error shape every 4xx and 5xx of the API has (http/errorHandler.ts). */
const ERROR_BODY = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', description: 'Stable machine code, e.g. VALIDATION_FAILED, INVALID_STATE, DUPLICATE' },
        message: { type: 'string', description: "In the caller's language (Accept-Language, or the account's)" },
        details: {
          type: 'array',
          description: 'One entry per field at fault',
          items: {
            type: 'object',
            required: ['field', 'reason', 'message'],
            properties: { field: { type: 'string' }, reason: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

const error = (description: string) => ({ description, ...ERROR_BODY });

/**
 * The OpenAPI document as clients need it, on top of the zod schemas: the error responses every route can give
 * (400 field by field; 401 and 403 where a sign-in is needed; 404 where a path names a record; 409 on a record's
 * state or a taken value), 204 as no content, public routes without a security requirement, and uploads with their
 * multipart body. Only the document: requests are still validated by the routes' own schemas.
 */
export function documentedTransform(input: TransformInput) {
  const out = jsonSchemaTransform(input);
  const schema = out.schema as Schema;
  const isPublic = (input.route.config as { policy?: unknown } | undefined)?.policy === 'public';
  if (isPublic) schema.security = [];
  const response: Schema = { ...((schema.response as Schema | undefined) ?? {}) };
  if (response['204']) response['204'] = { description: 'No content', type: 'null' };
  const add = (status: string, description: string) => {
    if (!response[status]) response[status] = error(description);
  };
  add('400', 'Invalid input: one entry per field in details, with its reason and message');
  if (!isPublic) {
    add('401', 'Not signed in, or the session ended');
    add('403', 'Not allowed by the policy (the refusal is audited)');
  }
  if (input.url.includes(':')) add('404', 'No such record, or not one the caller may see');
  if (input.route.method !== 'GET') add('409', "In conflict with the record's state or a value already taken");
  schema.response = response;
  const consumes = schema.consumes as string[] | undefined;
  if (consumes?.includes('multipart/form-data') && !schema.body)
    schema.body = { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'The file' } } };
  return out;
}
