import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer rule of eslint.config.mjs (`layers/imports`), run through ESLint itself on sources placed at virtual paths
 * in the tree: the files need not exist, only the folders that name the modules.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, cache: false });
});

/** The messages of the layer rule for `code` placed at `file`; fails on a parse error, so that no test passes vacuously. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  expect(result).toBeDefined();
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, `parse error in ${file}`).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

const value = (from: string) => `import { thing } from '${from}';\nexport const used = thing;\n`;
const typeOnly = (from: string) => `import type { Thing } from '${from}';\nexport type Used = Thing;\n`;
const folders = (dir: string) =>
  fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

describe('server modules', () => {
  it('may not import a sibling module', async () => {
    const errors = await layerErrors('src/server/modules/cartradein/x.ts', value('../tradein/access.js'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("sibling module 'tradein'");
  });

  it('may not import a sibling module from a nested folder, by re-export, dynamic import or import type', async () => {
    const file = 'src/server/modules/cartradein/programs/service.ts';
    expect(await layerErrors(file, value('../../tradein/policies/common.js'))).toHaveLength(1);
    expect(await layerErrors(file, typeOnly('../../tradein/policies/common.js'))).toHaveLength(1);
    expect(await layerErrors(file, "export { grantsOf } from '../../tradein/access.js';\n")).toHaveLength(1);
    expect(await layerErrors(file, "export * from '../../tradein/access.js';\n")).toHaveLength(1);
    expect(await layerErrors(file, "export const load = () => import('../../tradein/access.js');\n")).toHaveLength(1);
    expect(await layerErrors(file, "export type Grants = import('../../tradein/access.js').Grants;\n")).toHaveLength(1);
  });

  it('may import platform, core, db, http, shared and its own folder', async () => {
    const file = 'src/server/modules/cartradein/programs/service.ts';
    const code = [
      "import { appendAudit } from '../../platform/audit/auditTrail.js';",
      "import { notFound } from '../../../core/errors.js';",
      "import type { Database } from '../../../db/database.js';",
      "import { pageOf } from '../../../http/pagination.js';",
      "import { ROLES } from '../../../../shared/roles.js';",
      "import { rules } from './rules.js';",
      "import { applicationPolicy } from '../policies/application.js';",
      "import { z } from 'zod';",
      'export const all = [appendAudit, notFound, pageOf, ROLES, rules, applicationPolicy, z];',
      'export type Db = Database;',
      '',
    ].join('\n');
    expect(await layerErrors(file, code)).toEqual([]);
  });

  it('has the rules for every module folder, from the directory listing', async () => {
    const modules = folders('src/server/modules');
    expect(modules).toContain('platform');
    for (const name of modules) {
      for (const other of modules.filter((m) => m !== name && m !== 'platform')) {
        const errors = await layerErrors(`src/server/modules/${name}/some/file.ts`, value(`../../${other}/x.js`));
        expect(errors, `${name} → ${other}`).toHaveLength(1);
      }
    }
  });

  it('platform imports no other module', async () => {
    expect(await layerErrors('src/server/modules/platform/users/service.ts', value('../../tradein/access.js'))).toHaveLength(1);
    expect(await layerErrors('src/server/modules/platform/users/service.ts', value('../audit/auditTrail.js'))).toEqual([]);
  });

  it('may not import a composition root, a registry, the web app or test code', async () => {
    const file = 'src/server/modules/plan/reporting/service.ts';
    expect(await layerErrors(file, value('../../../app.js'))).toHaveLength(1);
    expect(await layerErrors(file, value('../../../runtime.js'))).toHaveLength(1);
    expect(await layerErrors(file, value('../../migrations.js'))).toHaveLength(1);
    expect(await layerErrors(file, value('../../../cli/userImport.js'))).toHaveLength(1);
    expect(await layerErrors(file, value('../../../../web/api/client.js'))).toHaveLength(1);
    expect(await layerErrors(file, value('../../../../../test/helpers/testApp.js'))).toHaveLength(1);
  });
});

describe('server core, db and http', () => {
  it('import no module', async () => {
    expect(await layerErrors('src/server/core/x.ts', value('../modules/tradein/access.js'))).toHaveLength(1);
    expect(await layerErrors('src/server/db/x.ts', typeOnly('../modules/platform/tables.js'))).toHaveLength(1);
    expect(await layerErrors('src/server/http/x.ts', value('../modules/platform/auth/sessions.js'))).toHaveLength(1);
    expect(await layerErrors('src/server/config.ts', value('./modules/platform/index.js'))).toHaveLength(1);
  });

  it('import no composition root, but each other', async () => {
    expect(await layerErrors('src/server/core/x.ts', value('../modules/index.js'))).toHaveLength(1);
    expect(await layerErrors('src/server/http/x.ts', value('../runtime.js'))).toHaveLength(1);
    expect(await layerErrors('src/server/http/x.ts', value('../core/errors.js'))).toEqual([]);
    expect(await layerErrors('src/server/db/x.ts', value('../../shared/dates.js'))).toEqual([]);
  });

  it('tests there may use modules and registries (they are composition)', async () => {
    expect(await layerErrors('src/server/db/migrationOrder.test.ts', value('../modules/migrations.js'))).toEqual([]);
    expect(await layerErrors('src/server/core/workflow.test.ts', value('../modules/platform/audit/auditTrail.js'))).toEqual([]);
    expect(await layerErrors('src/server/core/jobs.test.ts', value('../../web/api/client.js'))).toHaveLength(1);
  });
});

describe('composition roots', () => {
  it('may import any module', async () => {
    expect(await layerErrors('src/server/app.ts', value('./modules/tradein/index.js'))).toEqual([]);
    expect(await layerErrors('src/server/runtime.ts', value('./modules/migrations.js'))).toEqual([]);
    expect(await layerErrors('src/server/modules/index.ts', value('./cartradein/index.js'))).toEqual([]);
    expect(await layerErrors('src/server/modules/seeders.ts', value('./plan/seed/index.js'))).toEqual([]);
    expect(await layerErrors('src/server/cli/userImport.ts', value('../modules/platform/users/service.js'))).toEqual([]);
  });
});

describe('tests', () => {
  it('of a module may use composition roots and test helpers, but no sibling module', async () => {
    const file = 'src/server/modules/tradein/programs/demo.test.ts';
    expect(await layerErrors(file, value('../../../app.js'))).toEqual([]);
    expect(await layerErrors(file, value('../../../../../test/helpers/testApp.js'))).toEqual([]);
    expect(await layerErrors(file, value('../../platform/audit/auditTrail.js'))).toEqual([]);
    expect(await layerErrors(file, value('../../cartradein/programs/demo.js'))).toHaveLength(1);
    expect(await layerErrors('src/server/modules/tradein/testing/server.ts', value('../../../runtime.js'))).toEqual([]);
    expect(await layerErrors('src/server/modules/tradein/testing/server.ts', value('../../plan/index.js'))).toHaveLength(1);
  });

  it('under test/ and bench/ may import anything', async () => {
    expect(await layerErrors('test/api/x.test.ts', value('../../src/server/modules/tradein/access.js'))).toEqual([]);
    expect(await layerErrors('bench/claims/x.ts', value('../../src/server/modules/tradein/vouchers/service.js'))).toEqual([]);
  });
});

describe('shared', () => {
  it('imports nothing from the server or the web app', async () => {
    expect(await layerErrors('src/shared/x.ts', value('../server/core/errors.js'))).toHaveLength(1);
    expect(await layerErrors('src/shared/validators/x.ts', typeOnly('../../server/modules/platform/users/schema.js'))).toHaveLength(1);
    expect(await layerErrors('src/shared/x.ts', value('../web/components/format.js'))).toHaveLength(1);
    expect(await layerErrors('src/shared/x.ts', value('./roles.js'))).toEqual([]);
  });
});

describe('web modules', () => {
  it('may not import a sibling web module', async () => {
    const errors = await layerErrors('src/web/modules/cartradein/pages/X.tsx', value('../../tradein/money'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("sibling web module 'tradein'");
  });

  it('have the rules for every web module folder, from the directory listing; the platform module is the base layer', async () => {
    const modules = folders('src/web/modules');
    for (const name of modules) {
      for (const other of modules.filter((m) => m !== name)) {
        // As on the server, every module may use the platform's (its grants hook); the platform uses none.
        const expected = other === 'platform' ? 0 : 1;
        expect(await layerErrors(`src/web/modules/${name}/X.tsx`, value(`../${other}/api`)), `${name} → ${other}`).toHaveLength(expected);
      }
    }
  });

  it('may import web core, top-level web files, shared and their own folder', async () => {
    const code = [
      "import { api } from '../../../api/client';",
      "import { useT } from '../../../i18n/I18nProvider';",
      "import { PageHeader } from '../../../components/PageHeader';",
      "import { AppLayout } from '../../../layout/AppLayout';",
      "import { useAuth } from '../../../auth/AuthProvider';",
      "import { NAVIGATION } from '../../../navigation';",
      "import { ROLES } from '../../../../shared/roles';",
      "import { planApi } from '../api';",
      'export const all = [api, useT, PageHeader, AppLayout, useAuth, NAVIGATION, ROLES, planApi];',
      '',
    ].join('\n');
    expect(await layerErrors('src/web/modules/plan/pages/X.tsx', code)).toEqual([]);
  });

  it('may import types of their own server module and of platform, nothing else from the server', async () => {
    const file = 'src/web/modules/plan/api.ts';
    expect(await layerErrors(file, typeOnly('../../../server/modules/plan/plans/schema'))).toEqual([]);
    expect(await layerErrors(file, "import { type PlanView } from '../../../server/modules/plan/plans/schema';\nexport type V = PlanView;\n")).toEqual([]);
    expect(await layerErrors(file, typeOnly('../../../server/modules/platform/organizations/schema'))).toEqual([]);
    expect(await layerErrors(file, value('../../../server/modules/plan/plans/schema'))).toHaveLength(1);
    expect(await layerErrors(file, typeOnly('../../../server/modules/tradein/programs/schema'))).toHaveLength(1);
    expect(await layerErrors(file, typeOnly('../../../server/core/errors'))).toHaveLength(1);
  });

  it('may not import the module registry', async () => {
    expect(await layerErrors('src/web/modules/plan/index.tsx', value('../index'))).toHaveLength(1);
  });
});

describe('web core', () => {
  it('imports no web module, only the module registry', async () => {
    expect(await layerErrors('src/web/layout/AppLayout.tsx', value('../modules/plan/components'))).toHaveLength(1);
    expect(await layerErrors('src/web/components/X.tsx', value('../modules/platform/permissions'))).toHaveLength(1);
    expect(await layerErrors('src/web/i18n/messages.ts', value('../modules'))).toEqual([]);
    expect(await layerErrors('src/web/i18n/messages.ts', value('../modules/index'))).toEqual([]);
  });

  it('imports from the server only types of platform', async () => {
    expect(await layerErrors('src/web/api/types.ts', typeOnly('../../server/modules/platform/users/userView'))).toEqual([]);
    expect(await layerErrors('src/web/api/types.ts', typeOnly('../../server/modules/tradein/programs/schema'))).toHaveLength(1);
    expect(await layerErrors('src/web/api/types.ts', value('../../server/modules/platform/users/userView'))).toHaveLength(1);
  });

  it('the registry and the shell mount the modules', async () => {
    expect(await layerErrors('src/web/modules/index.ts', value('./cartradein'))).toEqual([]);
    expect(await layerErrors('src/web/App.tsx', value('./modules/platform/pages/LoginPage'))).toEqual([]);
  });
});
