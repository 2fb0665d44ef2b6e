import fc from 'fast-check';
import { deref, mutate, MUTATIONS, validArb, type JsonSchema, type Mutation, type Resolver } from './schemaArbitraries.js';

/** One operation of the OpenAPI document, as the fuzzer needs it. */
export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** `/api/organizations/{id}` as in the document. */
  path: string;
  /** `/api/organizations/:id` as in Fastify's route table. */
  route: string;
  /** Its group in the summary: the first two segments after /api. */
  group: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema; required: boolean }[];
  body: JsonSchema | null;
  bodyRequired: boolean;
  multipart: boolean;
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
  isPublic: boolean;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, JsonSchema> };
  security?: unknown[];
}

export function resolverOf(doc: OpenApiDoc): Resolver {
  return (ref) => {
    const name = ref.replace('#/components/schemas/', '');
    const found = doc.components?.schemas?.[name];
    if (!found) throw new Error(`unresolved ${ref}`);
    return found;
  };
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [m, raw] of Object.entries(item)) {
      const method = m.toUpperCase() as Operation['method'];
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const op = raw as {
        parameters?: { in: string; name: string; schema: JsonSchema; required?: boolean }[];
        requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
        responses: Operation['responses'];
        security?: unknown[];
      };
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const segments = path.split('/').filter(Boolean);
      ops.push({
        method,
        path,
        route: path.replace(/\{(\w+)\}/g, ':$1'),
        group: `/${segments.slice(0, 3).join('/')}`,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema, required: !!p.required })),
        body: content['application/json']?.schema ?? null,
        bodyRequired: !!op.requestBody?.required,
        multipart: !!content['multipart/form-data'],
        responses: op.responses,
        isPublic: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return ops;
}

/** A path value: a literal, or "a value of this name seen in an earlier answer" (real ids of real records). */
export type PathValue = { literal: string } | { pool: string; index: number; fallback: string };

export type Variant = 'valid' | Mutation | 'unknownId' | 'longParam' | 'malformedJson' | 'wrongContentType' | 'noBody';

export interface PlannedRequest {
  op: number;
  role: number;
  variant: Variant;
  path: Record<string, PathValue>;
  query: Record<string, unknown>;
  body: unknown;
  /** Raw bytes instead of JSON (malformed JSON, another content type, a multipart upload). */
  raw: { contentType: string; payload: string } | null;
  language: 'zh-CN' | 'en';
}

function queryString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v.toString();
  return JSON.stringify(v);
}

/** The arbitrary of one request to one operation, valid or broken in one way. */
export function requestArb(ops: Operation[], opIndex: number, roles: number, resolve: Resolver): fc.Arbitrary<PlannedRequest> {
  const op = ops[opIndex]!;
  const pathArb = fc.record(
    Object.fromEntries(
      op.pathParams.map((p) => {
        const s = deref(p.schema, resolve);
        const literal = validArb(s, resolve).map((v) => ({ literal: queryString(v) }) as PathValue);
        const pooled = fc.tuple(fc.nat(), literal).map(([index, fb]) => ({ pool: p.name, index, fallback: (fb as { literal: string }).literal }) as PathValue);
        return [p.name, fc.oneof({ weight: 3, arbitrary: pooled }, { weight: 1, arbitrary: literal })];
      }),
    ),
  );
  const queryArb = fc.record(Object.fromEntries(op.queryParams.map((q) => [q.name, validArb(q.schema, resolve)])), {
    requiredKeys: op.queryParams.filter((q) => q.required).map((q) => q.name),
  });
  const bodyArb = op.body ? validArb(op.body, resolve) : fc.constant(undefined);
  const variants: Variant[] = ['valid', 'valid', 'valid', 'valid', 'valid', 'valid', ...MUTATIONS];
  if (op.pathParams.length) variants.push('unknownId', 'longParam');
  if (op.method !== 'GET') variants.push('malformedJson', 'wrongContentType', 'noBody');
  return fc
    .record({
      role: fc.integer({ min: 0, max: 999 }),
      variant: fc.constantFrom(...variants),
      path: pathArb,
      query: queryArb,
      body: bodyArb,
      choices: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
      target: fc.constantFrom('body', 'query', 'path'),
      language: fc.constantFrom('zh-CN' as const, 'en' as const),
    })
    .map(({ role, variant, path, query, body, choices, target, language }) => {
      const planned: PlannedRequest = { op: opIndex, role, variant, path, query, body, raw: null, language };
      breakRequest(op, planned, choices, target, resolve);
      return planned;
    });
}

function breakRequest(op: Operation, r: PlannedRequest, choices: number[], target: string, resolve: Resolver): void {
  const c = choices[0] ?? 0;
  switch (r.variant) {
    case 'valid':
      break;
    case 'unknownId': {
      const p = op.pathParams[c % op.pathParams.length]!;
      r.path[p.name] = { literal: c % 2 ? '999999999' : 'no-such-thing' };
      break;
    }
    case 'longParam': {
      const p = op.pathParams[c % op.pathParams.length]!;
      r.path[p.name] = { literal: '9'.repeat(c % 2 ? 1001 : 150) };
      break;
    }
    case 'malformedJson':
      r.raw = { contentType: 'application/json', payload: c % 2 ? '{"a":' : '' };
      break;
    case 'wrongContentType':
      r.raw = { contentType: 'text/plain', payload: 'hello' };
      break;
    case 'noBody':
      r.body = undefined;
      break;
    default: {
      // Break the body when there is one, else the query or a path parameter.
      const where = op.body && (target === 'body' || (!op.queryParams.length && !op.pathParams.length)) ? 'body' : target;
      if (where === 'body' && op.body) {
        r.body = mutate(op.body, r.body, r.variant, choices, resolve).value;
      } else if (where === 'query' && op.queryParams.length) {
        const q = op.queryParams[c % op.queryParams.length]!;
        const broken = mutate(q.schema, r.query[q.name] ?? '', r.variant, choices, resolve).value;
        r.query = { ...r.query, [q.name]: broken };
      } else if (op.pathParams.length) {
        const p = op.pathParams[c % op.pathParams.length]!;
        const broken = mutate(p.schema, 'x', r.variant === 'dropRequired' ? 'wrongType' : r.variant, choices, resolve).value;
        r.path[p.name] = { literal: queryString(broken) || '0' };
      } else if (op.body) {
        r.body = mutate(op.body, r.body, r.variant, choices, resolve).value;
      }
    }
  }
  if (op.multipart && !r.raw) {
    const boundary = `----hxfuzz${c}`;
    const file = r.variant === 'valid' ? 'a,b\n1,2\n' : `\u0000${'z'.repeat(c % 200)}`;
    r.raw = {
      contentType: `multipart/form-data; boundary=${boundary}`,
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f${c % 10}.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n${file}\r\n--${boundary}--\r\n`,
    };
  }
}

/** Builds the URL; `pools` hold values of each name seen in earlier answers. */
export function urlOf(op: Operation, r: PlannedRequest, pools: Map<string, string[]>): string {
  let url = op.path;
  for (const p of op.pathParams) {
    const v = r.path[p.name] ?? { literal: '1' };
    let text: string;
    if ('literal' in v) text = v.literal;
    else {
      const pool = pools.get(v.pool) ?? (p.name.endsWith('Id') || p.name === 'id' ? pools.get('id') : undefined) ?? [];
      text = pool.length ? pool[v.index % pool.length]! : v.fallback;
    }
    url = url.replace(`{${p.name}}`, encodeURIComponent(text));
  }
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(r.query)) if (v !== undefined) qs.append(k, queryString(v));
  const q = qs.toString();
  return q ? `${url}?${q}` : url;
}
