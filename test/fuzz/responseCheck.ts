import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Operation } from './operations.js';
import type { JsonSchema } from './schemaArbitraries.js';

// ajv-formats is CommonJS with a default export.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

/** OpenAPI 3.0 says `exclusiveMinimum: true` next to `minimum`; JSON Schema (ajv) wants the bound itself. */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (!value || typeof value !== 'object') return value;
  const s: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === '$ref' && typeof v === 'string') s[k] = v.replace(/^#\/components\//, 'hx#/components/');
    else if (k === 'example' || k === 'xml' || k === 'externalDocs') continue;
    else s[k] = k === 'properties' || k === 'patternProperties' ? mapValues(v as Record<string, unknown>) : toJsonSchema(v);
  }
  // OpenAPI 3.0's `nullable` as JSON Schema: null is one more type (and one more value of an enum).
  if (s.nullable === true) {
    delete s.nullable;
    if (typeof s.type === 'string') s.type = [s.type, 'null'];
    if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
    for (const k of ['anyOf', 'oneOf'] as const) if (Array.isArray(s[k])) s[k] = [...(s[k] as unknown[]), { type: 'null' }];
  } else if (s.nullable === false) delete s.nullable;
  for (const side of ['Minimum', 'Maximum'] as const) {
    const flag = `exclusive${side}`;
    const bound = side.toLowerCase();
    if (s[flag] === true) {
      s[flag] = s[bound];
      delete s[bound];
    } else if (s[flag] === false) delete s[flag];
  }
  return s;
}

function mapValues(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toJsonSchema(v)]));
}

export interface ResponseLike {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** Checks a response against what the document says of its operation: a documented status, and its body's schema. */
export class ResponseChecker {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  /** One validator per distinct schema (the error shape is the same on every route). */
  private readonly bySchema = new Map<string, ValidateFunction>();

  constructor(components: Record<string, JsonSchema>) {
    this.ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ $id: 'hx', components: { schemas: mapValues(components) } });
  }

  /** Undefined when the response is as documented, else what is wrong. */
  check(op: Operation, res: ResponseLike): string | undefined {
    const documented = op.responses[String(res.statusCode)];
    if (!documented) return `status ${res.statusCode} is not documented (documented: ${Object.keys(op.responses).join(', ')})`;
    const header = res.headers['content-type'];
    const contentType = Array.isArray(header) ? header.join(', ') : typeof header === 'string' ? header : '';
    const content = documented.content;
    if (!content || !Object.keys(content).length) {
      if (res.statusCode === 204 && res.body.length) return `204 with a body: ${res.body.slice(0, 80)}`;
      return undefined;
    }
    const json = content['application/json'];
    if (!json) {
      const types = Object.keys(content);
      if (!types.some((t) => contentType.startsWith(t))) return `content-type ${contentType} is not the documented ${types.join(', ')}`;
      return undefined;
    }
    if (!contentType.startsWith('application/json')) return `content-type ${contentType}, documented application/json`;
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      return `body is not JSON: ${res.body.slice(0, 80)}`;
    }
    if (!json.schema) return undefined;
    const key = `${op.method} ${op.path} ${res.statusCode}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      try {
        const converted = toJsonSchema(json.schema) as object;
        const text = JSON.stringify(converted);
        validate = this.bySchema.get(text) ?? this.ajv.compile(converted);
        this.bySchema.set(text, validate);
      } catch (e) {
        return `the documented schema does not compile: ${(e as Error).message}`;
      }
      this.compiled.set(key, validate);
    }
    if (!validate(body)) {
      const e = validate.errors?.[0];
      return `body does not match the documented schema: ${e?.instancePath || '/'} ${e?.message ?? ''} (${JSON.stringify(e?.params ?? {})})`;
    }
    return undefined;
  }
}
