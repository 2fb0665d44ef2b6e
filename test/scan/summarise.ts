/**
 * Reads the reports test/scan/run.sh left in DIR (wapiti.json, sqlmap-*.log, headers*.txt, alive.txt), writes
 * DIR/summary.md and the `scan` evidence, and exits 1 on any finding above low, on an injection sqlmap found, on a
 * missing Strict-Transport-Security (the server ran with HUANXIN_TLS=1), or when a scanner did not run at all.
 *   node --import tsx test/scan/summarise.ts DIR
 */
import fs from 'node:fs';
import path from 'node:path';
import { recordEvidence } from '../helpers/evidence.js';

const dir = path.resolve(process.argv[2] ?? 'test-artifacts/scan');
const LEVELS = ['info', 'low', 'medium', 'high', 'critical'] as const;

interface WapitiItem {
  level: number | string;
  method?: string;
  path?: string;
  parameter?: string;
  info?: string;
}
interface WapitiReport {
  vulnerabilities?: Record<string, WapitiItem[]>;
  anomalies?: Record<string, WapitiItem[]>;
  additionals?: Record<string, WapitiItem[]>;
  infos?: { target?: string };
}

interface Finding {
  tool: 'wapiti' | 'sqlmap' | 'headers';
  category: string;
  level: (typeof LEVELS)[number];
  where: string;
  info: string;
}

const findings: Finding[] = [];
const problems: string[] = [];

// Wapiti: vulnerabilities and anomalies (5xx, time-outs) by level; "additionals" are informational.
const wapitiFile = path.join(dir, 'wapiti.json');
if (!fs.existsSync(wapitiFile)) problems.push('wapiti wrote no report');
else {
  const report = JSON.parse(fs.readFileSync(wapitiFile, 'utf8')) as WapitiReport;
  for (const group of ['vulnerabilities', 'anomalies'] as const) {
    for (const [category, items] of Object.entries(report[group] ?? {})) {
      for (const item of items) {
        findings.push({
          tool: 'wapiti',
          category,
          level: LEVELS[Math.min(4, Math.max(0, Number(item.level)))]!,
          where: `${item.method ?? 'GET'} ${item.path ?? ''}${item.parameter ? ` [${item.parameter}]` : ''}`,
          info: (item.info ?? '').split('\n')[0]!.slice(0, 200),
        });
      }
    }
  }
}
const wapitiLog = fs.existsSync(path.join(dir, 'wapiti.log')) ? fs.readFileSync(path.join(dir, 'wapiti.log'), 'utf8') : '';
const wapitiModules = [...wapitiLog.matchAll(/\[\*\] Launching module (\w+)/g)].map((m) => m[1]!);
// What the crawl found (before the first module): "[+] GET http://… (depth)" lines.
const crawlPart = wapitiLog.split('[*] Launching module')[0] ?? '';
const wapitiUrls = new Set([...crawlPart.matchAll(/^\[\+\] (\w+ \S+)/gm)].map((m) => m[1]!)).size;
if (fs.existsSync(wapitiFile) && wapitiModules.length === 0) problems.push('wapiti launched no attack module');

// sqlmap: one log per target. "identified the following injection point" means an injection was found.
const sqlmapTargets: Record<string, string> = {};
for (const file of fs.readdirSync(dir).filter((f) => /^sqlmap-.+\.log$/.test(f))) {
  const name = file.slice('sqlmap-'.length, -'.log'.length);
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const injectable = /identified the following injection point|parameter '[^']+' is vulnerable/i.test(text);
  const clean = /do not appear to be injectable|does not seem to be injectable/i.test(text);
  const tested = [...text.matchAll(/(?:testing for SQL injection on|testing if) (?:\(custom\) )?(?:\w+ )?parameter '([^']+)'/gi)].map((m) => m[1]!);
  if (injectable) {
    sqlmapTargets[name] = 'INJECTABLE';
    findings.push({ tool: 'sqlmap', category: 'SQL injection', level: 'critical', where: name, info: 'sqlmap identified an injection point' });
  } else if (clean) sqlmapTargets[name] = `not injectable (${[...new Set(tested)].join(', ') || 'parameters'})`;
  else {
    sqlmapTargets[name] = 'inconclusive';
    problems.push(`sqlmap ${name}: neither an injection nor a clean result in its log`);
  }
}
if (Object.keys(sqlmapTargets).length === 0) problems.push('sqlmap wrote no log');

// The headers themselves: HSTS because the server ran with HUANXIN_TLS=1; X-XSS-Protection 0 by design.
const headerText = ['headers.txt', 'headers-api.txt']
  .filter((f) => fs.existsSync(path.join(dir, f)))
  .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
  .join('\n')
  .toLowerCase();
const hsts = /strict-transport-security: max-age=31536000; includesubdomains/.test(headerText);
if (!hsts) findings.push({ tool: 'headers', category: 'Strict-Transport-Security', level: 'medium', where: '/', info: 'not sent although HUANXIN_TLS=1' });
const alive = fs.existsSync(path.join(dir, 'alive.txt')) && fs.readFileSync(path.join(dir, 'alive.txt'), 'utf8').trim() === 'alive';
if (!alive) problems.push('the server did not answer /healthz after the scan');

const byLevel = Object.fromEntries(LEVELS.map((l) => [l, findings.filter((f) => f.level === l).length])) as Record<(typeof LEVELS)[number], number>;
const aboveLow = byLevel.medium + byLevel.high + byLevel.critical;
const ok = aboveLow === 0 && problems.length === 0;

const lines = [
  `# Scan of the running server (${new Date().toISOString()})`,
  '',
  `Result: **${ok ? 'PASS' : 'FAIL'}** — findings above low: ${aboveLow}; by level: ${LEVELS.map((l) => `${l} ${byLevel[l]}`).join(', ')}.`,
  `Strict-Transport-Security with HUANXIN_TLS=1: ${hsts ? 'sent' : 'MISSING'}. Server alive after the scan: ${alive ? 'yes' : 'NO'}.`,
  '',
  `Wapiti modules launched: ${wapitiModules.join(', ') || 'none'}; pages crawled: ${wapitiUrls}.`,
  '',
  '| tool | level | category | where | info |',
  '|---|---|---|---|---|',
  ...findings.map((f) => `| ${f.tool} | ${f.level} | ${f.category} | ${f.where.replace(/\|/g, '\\|')} | ${f.info.replace(/\|/g, '\\|')} |`),
  '',
  '## sqlmap',
  ...Object.entries(sqlmapTargets).map(([k, v]) => `- ${k}: ${v}`),
  ...(problems.length ? ['', '## Problems', ...problems.map((p) => `- ${p}`)] : []),
  '',
  'Wapiti 3.0.x reports "X-XSS-Protection is not set" for the value 0; 0 is deliberate (the legacy XSS auditor is',
  'disabled, the Content-Security-Policy protects): see src/server/http/securityHeaders.ts.',
];
fs.writeFileSync(path.join(dir, 'summary.md'), `${lines.join('\n')}\n`);
console.log(lines.join('\n'));

recordEvidence({
  control: 'scan',
  ok,
  summary: {
    'zh-CN': `wapiti 与 sqlmap 回环扫描：高于“低”级的发现 ${aboveLow} 项（低 ${byLevel.low} 项）；sqlmap 测试 ${Object.keys(sqlmapTargets).length} 个目标${Object.values(sqlmapTargets).includes('INJECTABLE') ? '，发现注入' : '，未发现注入'}；HUANXIN_TLS=1 时${hsts ? '发送' : '未发送'} HSTS。`,
    en: `wapiti and sqlmap on loopback: ${aboveLow} findings above low (${byLevel.low} low); sqlmap tested ${Object.keys(sqlmapTargets).length} targets, ${Object.values(sqlmapTargets).includes('INJECTABLE') ? 'injection found' : 'no injection'}; Strict-Transport-Security ${hsts ? 'sent' : 'missing'} with HUANXIN_TLS=1.`,
  },
  figures: {
    aboveLow,
    critical: byLevel.critical,
    high: byLevel.high,
    medium: byLevel.medium,
    low: byLevel.low,
    info: byLevel.info,
    wapitiModules: wapitiModules.length,
    wapitiPages: wapitiUrls,
    sqlmapTargets: Object.keys(sqlmapTargets).length,
    hsts: hsts ? 'sent' : 'missing',
  },
  command: 'npm run scan',
});
process.exit(ok ? 0 : 1);
