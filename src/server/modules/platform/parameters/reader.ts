import type { Config } from '../../../config.js';
import type { HuanxinModule } from '../../../core/module.js';
import {
  parameterProblem,
  type ParameterDefinition,
  type ParameterKey,
  type ParameterReader,
  type ParameterValue,
  type ParameterValues,
  type RegisteredParameter,
} from '../../../core/parameters.js';
import type { Database } from '../../../db/database.js';

/**
 * How long a process trusts what it read. A change made through this process is seen at once (the write clears
 * the cache); other processes of the same installation see it within this time. Short enough for an office that
 * just changed a time-out, long enough that the session check on every request costs no query.
 */
export const PARAMETER_CACHE_TTL_MS = 5_000;

export function registeredParameters(modules: readonly HuanxinModule[]): RegisteredParameter[] {
  return modules.flatMap((m) => (m.parameters ?? []).map((p) => ({ ...p, module: m.name }) as RegisteredParameter));
}

export function defaultValue(def: ParameterDefinition, config: Config): ParameterValue {
  return typeof def.default === 'function' ? def.default(config) : def.default;
}

/** A stored value read back: one that no longer fits its definition (its bounds narrowed in code) reads as unset. */
export function storedValue(def: ParameterDefinition, json: string | null | undefined): ParameterValue | undefined {
  if (json === null || json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  return parameterProblem(def, value) === null ? (value as ParameterValue) : undefined;
}

export function createParameterReader(database: Database, config: Config, modules: readonly HuanxinModule[], ttlMs = PARAMETER_CACHE_TTL_MS): ParameterReader {
  const definitions = registeredParameters(modules);
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  let cached: { at: number; rows: Map<string, string | null> } | null = null;
  // Requests arriving while the overrides load share the one query; a write meanwhile starts a new one.
  let loading: Promise<Map<string, string | null>> | null = null;
  let generation = 0;

  function load(): Promise<Map<string, string | null>> {
    if (!loading) {
      const started = Date.now();
      const mine = generation;
      const query = database.db
        .selectFrom('system_parameters')
        .select(['key', 'value_json'])
        .execute()
        .then((rows) => {
          const map = new Map(rows.map((r) => [r.key, r.value_json]));
          if (mine === generation) cached = { at: started, rows: map };
          return map;
        })
        .finally(() => {
          if (loading === query) loading = null;
        });
      loading = query;
    }
    return loading;
  }

  /**
   * Values are read inside transactions (a certificate's age limit while a redemption is written). On SQLite the
   * transaction holds the one connection, so a read that waited for a fresh query would wait for itself: once
   * loaded, a stale value is answered at once while the refresh runs beside it (it waits for the connection, nobody
   * waits for it). Only the very first read waits, and the app loads the values before it serves (`refresh`).
   */
  function overrides(): Promise<Map<string, string | null>> {
    if (!cached) return load();
    if (Date.now() - cached.at >= ttlMs) void load().catch(() => undefined);
    return Promise.resolve(cached.rows);
  }

  return {
    definitions,
    ttlMs,
    async get<K extends ParameterKey>(key: K): Promise<ParameterValues[K]> {
      const def = byKey.get(key);
      if (!def) throw new Error(`no module declares the parameter ${key}`);
      const stored = storedValue(def, (await overrides()).get(key));
      return (stored ?? defaultValue(def, config)) as ParameterValues[K];
    },
    defaultOf: (def) => defaultValue(def, config),
    async refresh() {
      // A load begun before this call may hold what was stored before a write: it is not the one waited for.
      generation++;
      loading = null;
      await load();
    },
  };
}
