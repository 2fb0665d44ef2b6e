import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/testApp.js';
import { API_ONLY_ROUTES } from './apiOnlyRoutes.js';

/**
 * Every capability has its page: each API route is either called by the web app or listed, with its reason, in
 * API_ONLY_ROUTES. The web's calls are read from its source — every '/api/…' string or template literal — so a new
 * route without a page fails here until a page calls it or someone writes down why no page should.
 */

const WEB_DIR = path.resolve(import.meta.dirname, '../../src/web');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

interface WebCall {
  /** null when the literal is not the first argument of `api.<method>(…)`: a download link, an endpoint prop. */
  method: Method | null;
  pattern: RegExp;
  literal: string;
  file: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [full] : [];
  });
}

/** `/api/x/${id}/y?z=1` → a pattern over server paths: every interpolation stands for one or more segments' text. */
function patternOf(literal: string): RegExp {
  const pathOnly = literal.split('?')[0]!;
  const parts = pathOnly.split(/\$\{[^}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^?]+')}$`);
}

function webCalls(): WebCall[] {
  const calls: WebCall[] = [];
  const literal = /(?:api\.(get|post|put|patch|delete|upload)\s*(?:<(?:[^<>]|<[^<>]*>)*>)?\(\s*)?(['"`])(\/api\/[^'"`]*)\2/g;
  for (const file of sourceFiles(WEB_DIR)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(literal)) {
      const verb = m[1];
      const method: Method | null = verb === undefined ? null : verb === 'upload' ? 'POST' : (verb.toUpperCase() as Method);
      calls.push({ method, pattern: patternOf(m[3]!), literal: m[3]!, file: path.relative(WEB_DIR, file) });
    }
  }
  return calls;
}

/** The server's routes from its OpenAPI document (`/x/{id}` → `/x/:id`), which every API route is part of. */
function serverRoutes(openapi: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(openapi.paths).flatMap(([p, ops]) =>
    Object.keys(ops)
      .map((m) => m.toUpperCase())
      .filter((m): m is Method => (METHODS as readonly string[]).includes(m))
      .map((m) => `${m} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
  );
}

function calledBy(route: string, calls: WebCall[]): WebCall[] {
  const [method, p] = route.split(' ') as [Method, string];
  // A web literal has concrete text where the route has a parameter: test the literal's pattern against the route
  // with each parameter replaced by a sample segment.
  const sample = p.replace(/:\w+/g, '1');
  return calls.filter((c) => (c.method === null || c.method === method) && c.pattern.test(sample));
}

describe('every API route has a page or a reason', () => {
  let t: TestApp;
  let routes: string[];
  const calls = webCalls();
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    routes = serverRoutes((await t.anonymous.get('/api/openapi.json')).json());
  });
  afterAll(() => t.close());

  it('reads the web’s calls and the server’s routes', () => {
    expect(calls.length).toBeGreaterThan(50);
    expect(routes.length).toBeGreaterThan(50);
    expect(routes).toContain('POST /api/auth/login');
  });

  it('finds every route called by the web or listed as API-only', () => {
    const listed = new Set(API_ONLY_ROUTES.map((r) => r.route));
    const orphans = routes.filter((r) => !listed.has(r) && calledBy(r, calls).length === 0);
    expect(orphans, 'routes no page calls: give them a page, or list them in test/api/apiOnlyRoutes.ts with the reason').toEqual([]);
  });

  it('lists only routes that exist and that no page calls, each with its reason', () => {
    for (const entry of API_ONLY_ROUTES) {
      expect(routes, `${entry.route} is listed as API-only but is no route`).toContain(entry.route);
      expect(
        calledBy(entry.route, calls).map((c) => `${c.file}: ${c.literal}`),
        `${entry.route} is listed as API-only but the web calls it`,
      ).toEqual([]);
      expect(entry.reason.length, entry.route).toBeGreaterThan(15);
    }
  });
});
