// ESLint for Huanxin: typescript-eslint's recommended rules, React hooks rules for the web app, and `layers/imports`,
// the rule that keeps the architecture's layers (README "Map of the code"). Type-aware rules (no-floating-promises,
// no-misused-promises, ...) run in oxlint --type-aware (see the `lint` script): it uses typescript-go, the TypeScript 7
// compiler itself, and is several times faster than typed typescript-eslint on this 2-core machine.
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// typescript-eslint parses with the classic TypeScript JS API, which the `typescript` package no longer has from
// TypeScript 7 on (7.0 exports only its version; the compiler is a native binary). The TypeScript 6 API is installed
// beside it as `typescript-6` (npm:typescript@6.0.3; the `overrides` entry of package.json lets typescript-eslint's
// peer range accept the project's TypeScript 7): requests for `typescript` made by typescript-eslint's own packages
// resolve there, everything else keeps TypeScript 7 (`tsc`, `npm run typecheck`). TypeScript 6.0 parses the same syntax
// as 7.0. The alias must keep a name that sorts after `typescript`, so that npm links `tsc` to TypeScript 7 (the first
// package in path order claims a bin name; `@typescript/typescript6` loses it: its `@typescript/old` sorts first).
// Remove this block, the alias and the override once typescript-eslint supports TypeScript 7
// (typescript-eslint/typescript-eslint#10940).
{
  const require = createRequire(import.meta.url);
  const typescript6 = path.dirname(require.resolve('typescript-6/package.json'));
  const askedByTypescriptEslint = /[\\/]node_modules[\\/](?:@typescript-eslint[\\/]|typescript-eslint[\\/]|ts-api-utils[\\/])/;
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    if ((request === 'typescript' || request.startsWith('typescript/')) && askedByTypescriptEslint.test(parent?.filename ?? '')) {
      return require.resolve(typescript6 + request.slice('typescript'.length));
    }
    return resolveFilename.call(this, request, parent, ...rest);
  };
}
const { default: tseslint } = await import('typescript-eslint');

const ROOT = import.meta.dirname;

// ---------------------------------------------------------------------------------------------------------------------
// Layers. Every module folder gets its rules from the directory listing, so a new module is covered without editing this.
// ---------------------------------------------------------------------------------------------------------------------

const folders = (dir) =>
  fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

const SERVER_MODULES = folders('src/server/modules');
const WEB_MODULES = folders('src/web/modules');
const PLATFORM = 'platform';

const serverModule = (name) => `src/server/modules/${name}/**`;
const webModule = (name) => `src/web/modules/${name}/**`;
const except = (list, ...names) => list.filter((name) => !names.includes(name));

/**
 * Test code (tests and their helpers). Tests are composition too: besides what their folder may import they may import
 * composition roots (app, runtime, registries) and test/** helpers, and a test of core, db or http may use modules. A
 * test inside a module still may not reach into a sibling module: one that needs module B lives in test/ (or uses the
 * registries), so that each module's folder stays movable on its own.
 */
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**'];
/** The server's test helpers also go by name: testSupport.ts, testFixture.ts, testInvoices.ts (not so in the web: testId.ts). */
const SERVER_TEST_FILES = [...TEST_FILES, '**/test[A-Z]*'];
/** Suites and benchmarks outside src: composition, no layer rules. */
const TESTS = ['test/**', 'bench/**'];

/**
 * Server composition roots, exempt from the module rules: they wire the modules together, so they import any module.
 *  - app.ts builds the Fastify app from all modules, main.ts is the CLI entry, runtime.ts builds the dependencies and
 *    prepares the database with every module's migrations;
 *  - src/server/modules/*.ts are the registries (index.ts: the module list; migrations.ts, seeders.ts, ...);
 *  - src/server/cli/** are the commands main.ts runs (user import works on platform's users and organisations).
 * Modules and core may not import them: a module importing its registry is a cycle.
 */
const SERVER_ROOTS = ['src/server/app', 'src/server/main', 'src/server/runtime', 'src/server/modules/*', 'src/server/cli/**'];
/** The web module registry (src/web/modules/index.ts): web core may import it (the catalogue, the router), modules not. */
const WEB_REGISTRY = ['src/web/modules/*'];
/** The web app's top-level files (App.tsx, main.tsx, navigation.ts): the shell, composing the modules. */
const WEB_ROOTS = ['src/web/*'];

const NO_WEB = { target: 'src/web/**', message: 'the server does not import web code' };
const NO_TESTS = { target: TESTS, message: 'production code may not import test or bench code' };

/** A server module: platform, core, db, http, shared and itself; `tests` for its test code. */
const serverModuleRules = (name, tests) => [
  ...except(SERVER_MODULES, name, PLATFORM).map((sibling) => ({
    target: serverModule(sibling),
    message:
      name === PLATFORM
        ? `the platform module imports no other module (here '${sibling}'): other modules build on platform, not the other way round`
        : `server module '${name}' may not import sibling module '${sibling}'; move what both need to platform, core, db or http`,
  })),
  ...(tests
    ? []
    : [
        {
          target: SERVER_ROOTS,
          except: SERVER_MODULES.map(serverModule),
          message: 'a module may not import a composition root (app, main, runtime, src/server/modules/*.ts, cli)',
        },
        NO_TESTS,
      ]),
  NO_WEB,
];

/**
 * A web module: web core, top-level src/web files, shared, itself, the platform web module (the base layer, as on
 * the server: grants, accounts), and types of its own server module and platform.
 */
const webModuleRules = (name, tests) => [
  ...except(WEB_MODULES, name, PLATFORM).map((sibling) => ({
    target: webModule(sibling),
    message: `web module '${name}' may not import sibling web module '${sibling}'; move what both need to web core (api, auth, components, i18n, layout)`,
  })),
  ...(tests
    ? except(SERVER_MODULES, name, PLATFORM).map((sibling) => ({
        target: serverModule(sibling),
        message: `a test of web module '${name}' may not reach server module '${sibling}'`,
      }))
    : [
        {
          target: 'src/server/**',
          exceptTypeOnly: [serverModule(name), serverModule(PLATFORM)],
          message: `web module '${name}' may import from the server only types (\`import type\`) of server module '${name}' or platform`,
        },
        {
          target: WEB_REGISTRY,
          except: WEB_MODULES.map(webModule),
          message: 'a web module may not import the module registry (a cycle: the registry imports every module)',
        },
        NO_TESTS,
      ]),
];

/**
 * The layers, in order: a file belongs to the first layer whose `files` match it, and may not import what that
 * layer's `forbid` lists: `target` globs (paths from the repository root, extension left off; `dir/**` also matches
 * `dir` itself), unless the import is also matched by `except`, or is type-only and matched by `exceptTypeOnly`.
 * Only relative imports are checked (the code has no path aliases); packages are not layers.
 */
const LAYERS = [
  { name: 'test suite', files: TESTS, forbid: [] },

  {
    name: 'shared',
    files: ['src/shared/**'],
    forbid: [{ target: ['src/server/**', 'src/web/**'], message: 'src/shared is used by server and web: it imports neither' }],
  },

  { name: 'server composition root', files: SERVER_ROOTS, forbid: [NO_WEB] },
  ...SERVER_MODULES.flatMap((name) => [
    {
      name: `server module ${name} (test)`,
      files: SERVER_TEST_FILES.map((glob) => `src/server/modules/${name}/${glob}`),
      forbid: serverModuleRules(name, true),
    },
    { name: `server module ${name}`, files: [serverModule(name)], forbid: serverModuleRules(name, false) },
  ]),
  // A test of core, db or http may use modules to exercise the code under test (it is composition, like test/).
  { name: 'server core (test)', files: SERVER_TEST_FILES.map((glob) => `src/server/${glob}`), forbid: [NO_WEB] },
  {
    // core, db, http, and the other top-level files (config.ts)
    name: 'server core',
    files: ['src/server/**'],
    forbid: [
      { target: SERVER_MODULES.map(serverModule), message: 'core, db and http import no module: modules build on them, not the other way round' },
      {
        target: SERVER_ROOTS,
        except: SERVER_MODULES.map(serverModule),
        message: 'core, db and http may not import a composition root (app, main, runtime, src/server/modules/*.ts, cli)',
      },
      NO_TESTS,
      NO_WEB,
    ],
  },

  {
    name: 'web registry',
    files: WEB_REGISTRY,
    forbid: [{ target: 'src/server/**', exceptTypeOnly: ['src/server/modules/**'], message: 'the web app imports only types from the server' }],
  },
  ...WEB_MODULES.flatMap((name) => [
    { name: `web module ${name} (test)`, files: TEST_FILES.map((glob) => `src/web/modules/${name}/${glob}`), forbid: webModuleRules(name, true) },
    { name: `web module ${name}`, files: [webModule(name)], forbid: webModuleRules(name, false) },
  ]),
  {
    name: 'web shell',
    files: WEB_ROOTS,
    forbid: [
      { target: 'src/server/**', exceptTypeOnly: ['src/server/modules/**'], message: 'the web app imports only types (`import type`) from the server' },
      NO_TESTS,
    ],
  },
  {
    // api, auth, components, i18n, layout
    name: 'web core',
    files: ['src/web/**'],
    forbid: [
      { target: WEB_MODULES.map(webModule), message: 'web core imports no web module, only the module registry (src/web/modules/index.ts)' },
      {
        target: 'src/server/**',
        exceptTypeOnly: [serverModule(PLATFORM)],
        message: 'web core may import from the server only types (`import type`) of the platform module',
      },
      NO_TESTS,
    ],
  },
];

// A glob of this config: `**` any number of path segments (`dir/**` also matches `dir`), `*` part of one segment,
// `[A-Z]` a character class; everything else is literal.
const GLOB_TOKENS = { '/**': '(?:/.*)?', '**/': '(?:.*/)?', '**': '.*', '*': '[^/]*' };
const globToRegExp = (glob) =>
  new RegExp(
    `^${glob.replace(/\/\*\*$|\*\*\/|\*\*|\*|\[[^\]]*\]|[.+?^${}()|\\]/g, (token) => GLOB_TOKENS[token] ?? (token.startsWith('[') ? token : `\\${token}`))}$`,
  );
const anyGlob = (globs) => {
  const res = [globs].flat().map(globToRegExp);
  return (file) => res.some((re) => re.test(file));
};
const withoutExtension = (file) => file.replace(/\.(?:[cm]?[jt]sx?|d\.ts)$/, '');

const compiled = new WeakMap();
const compile = (layers) => {
  if (!compiled.has(layers)) {
    compiled.set(
      layers,
      layers.map((layer) => ({
        ...layer,
        matches: anyGlob(layer.files),
        forbid: layer.forbid.map((rule) => ({
          ...rule,
          target: anyGlob(rule.target),
          except: anyGlob(rule.except ?? []),
          exceptTypeOnly: anyGlob(rule.exceptTypeOnly ?? []),
        })),
      })),
    );
  }
  return compiled.get(layers);
};
const posix = (file) => file.split(path.sep).join('/');

/**
 * `layers/imports`: resolves every relative import (static, dynamic, `export … from`, `import('…')` in types) and
 * checks it against the layers, which are the rule's options (so that ESLint's cache notices a new module folder).
 */
const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the layers of src/server, src/web and src/shared (LAYERS in eslint.config.mjs)' },
    schema: [
      {
        type: 'object',
        properties: { layers: { type: 'array' } },
        required: ['layers'],
        additionalProperties: false,
      },
    ],
    messages: { forbidden: "'{{source}}': {{message}} (layer: {{layer}})." },
  },
  create(context) {
    const { layers } = context.options[0];
    const file = posix(path.relative(ROOT, context.filename));
    const layer = compile(layers).find((candidate) => candidate.matches(withoutExtension(file)) || candidate.matches(file));
    if (!layer || layer.forbid.length === 0) return {};
    const check = (sourceNode, typeOnly) => {
      const source = sourceNode?.type === 'Literal' ? sourceNode.value : null;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = withoutExtension(posix(path.relative(ROOT, path.resolve(path.dirname(context.filename), source))));
      const rule = layer.forbid.find((r) => r.target(target) && !r.except(target) && !(typeOnly && r.exceptTypeOnly(target)));
      if (rule) context.report({ node: sourceNode, messageId: 'forbidden', data: { layer: layer.name, source, message: rule.message } });
    };
    const typeOnly = (kind, specifiers) =>
      kind === 'type' || (specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
    return {
      ImportDeclaration: (node) => check(node.source, typeOnly(node.importKind, node.specifiers)),
      ExportNamedDeclaration: (node) => node.source && check(node.source, typeOnly(node.exportKind, node.specifiers)),
      ExportAllDeclaration: (node) => check(node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node.source, false),
      TSImportType: (node) => check('source' in node ? node.source : node.argument?.literal, true),
    };
  },
};

// ---------------------------------------------------------------------------------------------------------------------

export default defineConfig(
  // Output, data and scratch folders (node_modules is always ignored).
  globalIgnores(['dist/', 'data/', 'coverage/', '.hx-scratch/', 'docs/screenshots/', 'test-artifacts/']),
  // A suppression of an oxlint rule is written `// oxlint-disable-next-line typescript/no-floating-promises`:
  // ESLint does not run those rules, so an `eslint-disable` comment for them would be reported as unused.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,mjs,js}'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { layers: { rules: { imports: importsRule } } },
    rules: {
      'layers/imports': ['error', { layers: LAYERS }],
      // `_name` marks a deliberately unused binding (parameters kept for a signature, skipped tuple members).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-implicit-coercion': ['error', { allow: ['!!'] }],
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-unreachable-loop': 'error',
      'no-constructor-return': 'error',
      'no-return-assign': 'error',
      'no-sequences': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Modules add their tables and message keys to core types by declaration merging: `interface X extends Y {}`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    // The two classic hooks rules. The React Compiler rules of the plugin's `recommended` preset (purity, refs,
    // set-state-in-effect, ...) are left off: the app does not use the React Compiler, and they cost more than the rest
    // of the lint together (the compiler runs on every component).
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  prettier,
);
