import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleContractProblems, resolveExtensions, type HuanxinModule } from '../../src/server/core/module.js';
import { MODULES } from '../../src/server/modules/index.js';
import { exampleModule } from '../fixtures/exampleModule/index.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

const MODULES_DIR = path.resolve(import.meta.dirname, '../../src/server/modules');

describe('the module contract', () => {
  it('holds for every installed module, and every module folder is installed', () => {
    expect(moduleContractProblems(MODULES)).toEqual([]);
    const folders = fs
      .readdirSync(MODULES_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(MODULES.map((m) => m.name).sort()).toEqual(folders);
    for (const m of MODULES) {
      for (const file of ['index.ts', 'messages.ts', 'tables.ts']) expect(fs.existsSync(path.join(MODULES_DIR, m.name, file)), `${m.name}/${file}`).toBe(true);
      expect(Object.keys(m.messages ?? {}).length, `${m.name} messages`).toBeGreaterThan(0);
    }
  });

  it('names what is incomplete or collides', () => {
    // Both copies provide the same extension point: one of them must not.
    const provides = { scrappingCertificateVerifier: { source: 'example', verify: async () => ({ status: 'verified' as const, note: null }) } };
    const broken: HuanxinModule[] = [
      { ...exampleModule, name: 'Example Module', provides },
      {
        ...exampleModule,
        provides,
        name: 'second',
        migrations: [
          { name: '20991231_2359_example_notes', up: async () => undefined },
          { name: 'notes', up: async () => undefined },
        ],
        jobs: [{ name: 'tick', schedule: { 'zh-CN': '从不', en: 'Never' }, runKey: () => null, run: async () => undefined }],
        messages: { 'notice.example.notes': { 'zh-CN': '共 {count} 条', en: 'Notes: {n}' }, 'notice.second.empty': { 'zh-CN': '', en: 'Empty' } },
      },
    ];
    const problems = moduleContractProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'module name "Example Module" is not a lower-case word',
        'second: migration "notes" is not named NNNN_… or YYYYMMDD_HHMM_…',
        'second: job "tick" is not named second.…',
        'second: message notice.example.notes has different placeholders in zh-CN and en',
        'second: message notice.second.empty lacks a language',
        'migration declared twice: 20991231_2359_example_notes',
        'metric declared twice: example.notes.count',
        'grant domain declared twice: example',
        'provided extension declared twice: scrappingCertificateVerifier',
      ]),
    );
  });

  it('resolves extension points: a provider wins over a fallback, an override over both', () => {
    // Car trade-in falls back to the reviewer's hand check; recycling provides the dismantler's records.
    const withoutRecycling = MODULES.filter((m) => m.name !== 'recycling');
    expect(resolveExtensions(withoutRecycling).scrappingCertificateVerifier.source).toBe('manual');
    const base = resolveExtensions(MODULES);
    expect(base.scrappingCertificateVerifier.source).toBe('recycling.dismantler');
    expect(typeof base.oldItemProofVerifier.verify).toBe('function');
    const override = { source: 'test', verify: async () => ({ status: 'unverified' as const }) };
    expect(resolveExtensions(MODULES, { scrappingCertificateVerifier: override }).scrappingCertificateVerifier).toBe(override);
  });
});

describe('an example module added next to the installed ones (its folder and one line, nothing else)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ modules: [...MODULES, exampleModule] });
  });
  afterAll(() => t.close());

  it('has its migration run, its seed loaded, its route served under its policy and in the API document', async () => {
    const office = await t.login('demo_office');
    expect((await office.get('/api/example/notes')).json()).toEqual([{ id: 1, text: '示例记录' }]);
    expect((await t.anonymous.get('/api/example/notes')).statusCode).toBe(401);
    const health = (await t.anonymous.get('/healthz')).json();
    expect(health.migrations).toBe([...MODULES, exampleModule].flatMap((m) => m.migrations).length);
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toContain('/api/example/notes');
  });

  it('offers its home notice, its grant domain and its job to the others', async () => {
    const office = await t.login('demo_office');
    const notices = (await office.get('/api/home/notices', { 'accept-language': 'en' })).json() as { key: string; message: string }[];
    expect(notices.find((n) => n.key === 'example.notes')?.message).toBe('The example module holds 1 notes');
    const domains = (await office.get('/api/grants/domains')).json() as { domain: string }[];
    expect(domains.map((d) => d.domain)).toEqual(expect.arrayContaining(['tradein', 'cartradein', 'example']));
    // Both extension points are provided by the installed modules (recycling): a second provider is refused above.
    expect(t.deps.extensions.scrappingCertificateVerifier.source).toBe('recycling.dismantler');
    expect(t.deps.modules.flatMap((m) => m.jobs ?? []).map((j) => j.name)).toContain('example.tick');
  });
});
