import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORE_MESSAGES } from '../i18n/coreMessages';
import type { Text } from '../i18n/catalogue';
import type { WebModule } from '../layout/webModule';
import { WEB_MODULES } from './index';

/**
 * The web module contract (layout/webModule.ts), checked on every module the app lists. The compiler already
 * refuses a menu entry naming a text its module does not declare, or a text without both languages; this test
 * catches what types cannot: keys, paths and texts that two modules both declare, sections nobody declares,
 * empty texts, and a module importing another.
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));

type Catalogue = Readonly<Record<string, Text>>;

function contractProblems(modules: readonly WebModule[], core: Catalogue): string[] {
  const problems: string[] = [];
  const seen = <T>(what: string, values: T[]) => {
    const once = new Set<T>();
    for (const v of values) {
      if (once.has(v)) problems.push(`${what} ${String(v)} is declared twice`);
      once.add(v);
    }
  };
  seen(
    'module',
    modules.map((m) => m.name),
  );
  seen(
    'nav key',
    modules.flatMap((m) => m.navigation.map((i) => i.key)),
  );
  seen(
    'path',
    modules.flatMap((m) => m.navigation.map((i) => i.path)),
  );
  const sections = modules.flatMap((m) => m.sections ?? []);
  seen(
    'section',
    sections.map((s) => s.key),
  );
  seen(
    'section order',
    sections.map((s) => s.order),
  );
  seen(
    'grant domain',
    modules.flatMap((m) => (m.grantDomains ?? []).map((d) => d.domain)),
  );

  const owner = new Map<string, string>(Object.keys(core).map((k) => [k, 'core']));
  for (const m of modules) {
    for (const [key, text] of Object.entries(m.messages as Catalogue)) {
      const other = owner.get(key);
      if (other) problems.push(`${m.name}: message ${key} is also ${other}'s`);
      owner.set(key, m.name);
      if (!text['zh-CN']?.trim() || !text.en?.trim()) problems.push(`${m.name}: message ${key} lacks a language`);
    }
    const has = (key: string | undefined, where: string) => {
      if (key === undefined) return;
      const text = (m.messages as Catalogue)[key];
      if (!text?.['zh-CN']?.trim() || !text.en?.trim()) problems.push(`${m.name}: ${where} names ${key}, which it does not declare in both languages`);
    };
    for (const s of m.sections ?? []) has(s.labelKey, `section ${s.key}`);
    for (const i of m.navigation) {
      has(i.labelKey, `nav ${i.key}`);
      has(i.descriptionKey, `nav ${i.key}`);
      if (!sections.some((s) => s.key === i.section)) problems.push(`${m.name}: nav ${i.key} is under section ${i.section}, which no module declares`);
      if (!i.path.startsWith('/')) problems.push(`${m.name}: nav ${i.key} has a relative path ${i.path}`);
    }
    for (const d of m.grantDomains ?? []) {
      has(d.labelKey, `grant domain ${d.domain}`);
      for (const key of Object.values(d.capabilityHelpKeys)) has(key, `grant domain ${d.domain}`);
    }
  }
  return problems;
}

/** Every relative import of the files under a folder, with the importing file. */
function importsUnder(dir: string): { file: string; target: string; typeOnly: boolean }[] {
  const out: { file: string; target: string; typeOnly: boolean }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'(\.[^']+)'/gm))
      out.push({ file, target: path.resolve(path.dirname(file), m[3]!), typeOnly: m[2] !== undefined });
    for (const m of source.matchAll(/import\('(\.[^']+)'\)/g)) out.push({ file, target: path.resolve(path.dirname(file), m[1]!), typeOnly: false });
  }
  return out;
}

const WEB = path.resolve(HERE, '..');
const CORE = ['api', 'components', 'layout', 'auth', 'i18n'].map((d) => path.join(WEB, d));
const SHARED = path.resolve(WEB, '../shared');
const SERVER = path.resolve(WEB, '../server');
/**
 * What the platform's web module offers every other: the grants hook (the platform keeps the grants), the
 * dictionaries hook (forms offer the code lists officials maintain) and the parameters pages read.
 */
const PLATFORM_HOOKS = ['grants/useGrants', 'dictionaries/useDictionary', 'parameters/usePageParameters'].map((p) => path.join(HERE, 'platform', p));

const inside = (target: string, dir: string) => target === dir || target.startsWith(`${dir}${path.sep}`);

describe('the web module contract', () => {
  it('holds for every module the app lists', () => {
    expect(contractProblems(WEB_MODULES, CORE_MESSAGES)).toEqual([]);
  });

  it('names each module after its folder under src/web/modules', () => {
    for (const m of WEB_MODULES)
      expect(fs.existsSync(path.join(HERE, m.name, 'index.tsx')) || fs.existsSync(path.join(HERE, m.name, 'index.ts')), m.name).toBe(true);
  });

  it('keeps the same placeholders in both languages of every text', () => {
    const mismatched: string[] = [];
    const params = (s: string) =>
      [...s.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .sort()
        .join(',');
    for (const catalogue of [CORE_MESSAGES, ...WEB_MODULES.map((m) => m.messages as Catalogue)])
      for (const [key, text] of Object.entries(catalogue)) if (params(text['zh-CN']) !== params(text.en)) mismatched.push(key);
    expect(mismatched).toEqual([]);
  });

  it('lets a module import only web core, src/shared, its own files and the server’s types', () => {
    const wrong: string[] = [];
    for (const m of WEB_MODULES) {
      const own = path.join(HERE, m.name);
      for (const { file, target, typeOnly } of importsUnder(own)) {
        const allowed =
          inside(target, own) ||
          CORE.some((dir) => inside(target, dir)) ||
          inside(target, SHARED) ||
          (typeOnly && inside(target, SERVER)) ||
          PLATFORM_HOOKS.includes(target);
        if (!allowed) wrong.push(`${path.relative(WEB, file)} → ${path.relative(WEB, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  describe('finds what an incomplete module gets wrong', () => {
    const base = WEB_MODULES[1] as WebModule;
    const broken = (patch: Partial<WebModule>) => contractProblems([WEB_MODULES[0], { ...base, ...patch }], CORE_MESSAGES);
    const first = base.navigation[0]!;

    it('a nav key or path another entry has', () => {
      expect(broken({ navigation: [...base.navigation, { ...first, path: '/elsewhere' }] })).toContain(`nav key ${first.key} is declared twice`);
      expect(broken({ navigation: [...base.navigation, { ...first, key: 'other' }] })).toContain(`path ${first.path} is declared twice`);
    });

    it('a section nobody declares', () => {
      expect(broken({ navigation: [{ ...first, section: 'nowhere' }] })).toContain(
        `${base.name}: nav ${first.key} is under section nowhere, which no module declares`,
      );
    });

    it('a label without both languages, or not declared at all', () => {
      const messages = { ...(base.messages as Catalogue), [first.labelKey]: { 'zh-CN': '看板', en: '' } };
      expect(broken({ messages })).toContain(`${base.name}: message ${first.labelKey} lacks a language`);
      expect(broken({ navigation: [{ ...first, descriptionKey: 'plan.nowhere' }] })).toContain(
        `${base.name}: nav ${first.key} names plan.nowhere, which it does not declare in both languages`,
      );
    });

    it('a message another module or web core declares', () => {
      const platformKey = Object.keys(WEB_MODULES[0].messages)[0]!;
      const messages = { ...(base.messages as Catalogue), [platformKey]: { 'zh-CN': '重复', en: 'Twice' }, 'common.save': { 'zh-CN': '保存', en: 'Save' } };
      const problems = broken({ messages });
      expect(problems).toContain(`${base.name}: message ${platformKey} is also platform's`);
      expect(problems).toContain(`${base.name}: message common.save is also core's`);
    });
  });
});
