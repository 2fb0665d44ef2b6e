import type { CliCommand } from './commands.js';
import { systemContext } from '../core/context.js';
import { migrateToLatest } from '../db/migrations.js';
import type { AppDeps } from '../core/deps.js';
import { syncKeyVersions } from '../modules/platform/keys/registry.js';
import { beginReencryption, readKeyStatus } from '../modules/platform/keys/service.js';
import type { KeyStatusView } from '../modules/platform/keys/schema.js';

/** The key commands work on an up-to-date database whose key versions match the configuration. */
async function ready(deps: AppDeps): Promise<void> {
  await migrateToLatest(
    deps.database,
    deps.modules.flatMap((m) => m.migrations),
  );
  await syncKeyVersions(deps);
}

function print(s: KeyStatusView): void {
  console.log(`suite: ${s.suite} (${s.algorithms.cipher}; ${s.algorithms.hash}; ${s.algorithms.keyedHash})`);
  console.log(`active key version: ${s.activeVersion}`);
  for (const v of s.versions)
    console.log(
      `  v${v.version}  ${v.state.padEnd(8)} ${v.suite.padEnd(3)} ${v.fingerprint}  ${v.configured ? 'configured' : 'not configured'}  since ${v.createdAt}`,
    );
  const stale = s.stale.filter((c) => c.count > 0);
  console.log(stale.length ? `to re-seal: ${stale.map((c) => `${c.table}.${c.column} ${c.count}`).join(', ')}` : 'to re-seal: nothing');
  const run = s.current ?? s.history[0];
  if (run) console.log(`last run #${run.id}: ${run.status} ${run.done}/${run.total} → v${run.targetVersion} (${run.targetSuite}) ${run.error ?? ''}`.trimEnd());
}

export const keyCommands: CliCommand[] = [
  {
    name: 'keys:status',
    usage: 'keys:status                suite in use, key versions (fingerprints), values left to re-seal, last run',
    async run(deps) {
      await ready(deps);
      print(await readKeyStatus(deps));
      return 0;
    },
  },
  {
    name: 'keys:reencrypt',
    usage: 'keys:reencrypt             re-seal every *_enc column with the active key version (audited), then retire the others',
    async run(deps) {
      await ready(deps);
      const { run, done } = await beginReencryption(deps, systemContext('cli'));
      console.log(`run #${run.id}: ${run.total} values to re-seal with key version ${run.targetVersion} (${run.targetSuite})`);
      const outcome = await done;
      const status = await readKeyStatus(deps);
      print(status);
      return outcome === 'ok' ? 0 : 1;
    },
  },
];
