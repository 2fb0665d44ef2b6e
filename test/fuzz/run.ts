import { recordEvidence } from '../helpers/evidence.js';
import { runFuzz, type FuzzReport } from './fuzzer.js';

/**
 * `npm run fuzz`: every route of the OpenAPI document, valid and broken requests across roles, in-process on a
 * fresh database with demo data. HX_FUZZ_REQUESTS (default 100000), HX_FUZZ_SEED (default: the time). Exit 1 on any
 * failure; the summary names each with a reproducer.
 */
const requests = Number(process.env.HX_FUZZ_REQUESTS ?? 100_000);
const seed = Number(process.env.HX_FUZZ_SEED ?? Date.now() % 2 ** 31);
if (!Number.isInteger(requests) || requests < 1) throw new Error('HX_FUZZ_REQUESTS must be a positive integer');
if (!Number.isInteger(seed)) throw new Error('HX_FUZZ_SEED must be an integer');

const table = (title: string, o: Record<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, v] of Object.entries(o).sort((a, b) => b[1] - a[1])) console.log(`  ${String(v).padStart(8)}  ${k}`);
};

console.log(`fuzzing ${requests} requests, seed ${seed}`);
const report: FuzzReport = await runFuzz({ requests, seed, progressEvery: Number(process.env.HX_FUZZ_PROGRESS ?? 5000), log: (l) => console.log(l) });
const failed = Object.values(report.failureCounts).reduce((a, b) => a + b, 0);
table('by status', report.byStatus);
table('by role', report.byRole);
table('by variant', report.byVariant);
table('by route group', report.byGroup);
table('sign-ins again after a 401 (logout, session ended, account disabled…)', report.relogins);
table('demo accounts put back (password reset, suspension, lockout)', report.repairs);
console.log(
  `\n${report.requests} requests to ${report.operationsReached}/${report.operations} operations in ${(report.ms / 1000).toFixed(1)} s; ` +
    `${report.refusedWrites} refused writes, ${report.refusedWritesWithAllowedChanges} refusals left only the allowed traces (audit of denials, sign-in records)`,
);
if (report.slow.length) table('slowest requests (ms)', Object.fromEntries(report.slow.map((s) => [`${s.route}  ${s.url}`, s.ms])));
if (report.missingRoles.length) console.log(`roles without a demo account here: ${report.missingRoles.join(', ')}`);
if (failed) {
  table('failures by kind and route', report.failureCounts);
  console.log('\nreproducers (the first few of each):');
  for (const f of report.failures) console.log(JSON.stringify(f));
}
const ok = failed === 0;
recordEvidence({
  control: 'fuzzing',
  ok,
  summary: {
    en: `${report.requests} generated requests (valid and invalid, ${Object.keys(report.byRole).length} roles) to ${report.operationsReached} of ${report.operations} operations: ${report.byStatus['500'] ?? 0} server errors, ${failed} failures in all (server errors, answers outside the documented statuses and schemas, refusals that changed data, and requests not sent because they are known to block the server), by kind in the figures.`,
    'zh-CN': `按接口自身的模式生成 ${report.requests} 个请求（合法与非法，${Object.keys(report.byRole).length} 种角色），覆盖 ${report.operations} 个接口中的 ${report.operationsReached} 个：服务器错误 ${report.byStatus['500'] ?? 0} 个，失败共 ${failed} 个（服务器错误、超出文档所列状态码与模式、被拒绝却改动数据、已知会阻塞服务器而未发送的请求），分类见数据。`,
  },
  figures: {
    requests: report.requests,
    seed,
    operations: report.operations,
    operationsReached: report.operationsReached,
    seconds: Math.round(report.ms / 1000),
    serverErrors: Object.entries(report.byStatus)
      .filter(([s]) => Number(s) >= 500)
      .reduce((a, [, n]) => a + n, 0),
    failures: failed,
    refusedWrites: report.refusedWrites,
    ...Object.fromEntries(
      ['5xx', 'undocumented', 'schema', 'refused-changed-data', 'exception', 'hang'].map((k) => [
        `failures.${k}`,
        Object.entries(report.failureCounts)
          .filter(([key]) => key.startsWith(`${k} `))
          .reduce((a, [, n]) => a + n, 0),
      ]),
    ),
    roles: Object.keys(report.byRole).length,
  },
  command: `HX_FUZZ_REQUESTS=${requests} HX_FUZZ_SEED=${seed} npm run fuzz`,
});
process.exit(ok ? 0 : 1);
