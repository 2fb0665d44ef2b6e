import type { AppDeps } from '../../src/server/core/deps.js';
import type { TestClient } from './testApp.js';

/** Sets a system parameter as the office does (its current version read first); throws when refused. */
export async function setParameter(office: TestClient, key: string, value: number | string | boolean): Promise<void> {
  const list = (await office.get('/api/parameters')).json() as { key: string; version: number }[];
  const current = list.find((p) => p.key === key);
  if (!current) throw new Error(`no parameter ${key}`);
  const res = await office.put(`/api/parameters/${key}`, { value, version: current.version });
  if (res.statusCode !== 200) throw new Error(`set ${key}: ${res.statusCode} ${res.body}`);
}

/**
 * Stores parameter values as a test's set-up, before anyone is signed in (a load test's limits): written like an
 * office's change and read again by this app; another process sharing the database reads them when it starts.
 */
export async function storeParameters(deps: Pick<AppDeps, 'database' | 'parameters'>, values: Record<string, number | string | boolean>): Promise<void> {
  for (const [key, value] of Object.entries(values))
    await deps.database.db
      .insertInto('system_parameters')
      .values({ key, value_json: JSON.stringify(value), version: 1, updated_by: null, updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: JSON.stringify(value), version: (eb) => eb('system_parameters.version', '+', 1) }))
      .execute();
  await deps.parameters.refresh();
}
