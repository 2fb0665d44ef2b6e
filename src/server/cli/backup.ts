import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { AppDeps } from '../core/deps.js';
import { dialectOf, type DialectName, type Queryable } from '../db/database.js';
import type { DatabaseSchema } from '../db/schema.js';
import { verifyAuditTrail, type AuditVerification } from '../modules/platform/audit/auditTrail.js';
import type { CliCommand } from './commands.js';

/**
 * `backup DIR` and `restore DIR`: the database as one consistent snapshot taken while the server runs, the
 * uploaded files beside it, and a manifest that says what a correct restore must contain (every table's row
 * count and checksum, the audit chain's verification) so a restore can prove itself.
 */

export const MANIFEST_VERSION = 1;
const SQLITE_FILE = 'database.sqlite';
const PG_FILE = 'database.pgdump';
const UPLOADS = 'uploads';

export interface TableDigest {
  rows: number;
  sha256: string;
}
export interface FileDigest {
  path: string;
  bytes: number;
  sha256: string;
}
export interface Manifest {
  format: 'huanxin-backup';
  version: number;
  appVersion: string;
  dialect: DialectName;
  createdAt: string;
  database: FileDigest;
  tables: Record<string, TableDigest>;
  audit: AuditVerification;
  uploads: FileDigest[];
  /** Attachments the snapshot refers to whose file was not found among the uploads (should be none). */
  missingAttachmentFiles: string[];
}

const BATCH = 2000;

/** One value as text that is the same whichever driver read it (Buffers as hex, dates as ISO). */
function canonical(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return { hex: v.toString('hex') };
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return v.toString();
  return v;
}

async function primaryKey(db: Queryable, table: string): Promise<string[]> {
  if (dialectOf(db) === 'sqlite') {
    const r = await sql<{ name: string }>`select name from pragma_table_info(${table}) where pk > 0 order by pk`.execute(db);
    return r.rows.map((c) => c.name);
  }
  const r = await sql<{ name: string }>`select a.attname as name from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident(${table})) and i.indisprimary
      order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
  return r.rows.map((c) => c.name);
}

/**
 * Every table's row count and SHA-256 over its rows in primary-key order (all columns where there is none),
 * columns by name. Run inside one snapshot (a PostgreSQL repeatable-read transaction, or a closed SQLite file)
 * so offsets stay put; the same function computes both sides of the comparison.
 */
export async function tableDigests(db: Queryable): Promise<Record<string, TableDigest>> {
  const currentSchema = dialectOf(db) === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: true }))
    .filter((t) => !t.isView && (currentSchema === undefined || t.schema === currentSchema))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const out: Record<string, TableDigest> = {};
  for (const t of tables) {
    const columns = t.columns.map((c) => c.name).sort();
    const pk = await primaryKey(db, t.name);
    const order = sql.join((pk.length ? pk : columns).map((c) => sql.ref(c)));
    const hash = createHash('sha256');
    let rows = 0;
    for (;;) {
      const batch = await sql<Record<string, unknown>>`select * from ${sql.table(t.name)} order by ${order} limit ${BATCH} offset ${rows}`.execute(db);
      for (const r of batch.rows) hash.update(JSON.stringify(columns.map((c) => canonical(r[c]))) + '\n');
      rows += batch.rows.length;
      if (batch.rows.length < BATCH) break;
    }
    out[t.name] = { rows, sha256: hash.digest('hex') };
  }
  return out;
}

function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0;) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

function digestOf(root: string, rel: string): FileDigest {
  const file = path.join(root, rel);
  return { path: rel.split(path.sep).join('/'), bytes: fs.statSync(file).size, sha256: sha256File(file) };
}

function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

function copyFiles(from: string, to: string, files: string[]): FileDigest[] {
  return files.map((rel) => {
    fs.mkdirSync(path.dirname(path.join(to, rel)), { recursive: true });
    fs.copyFileSync(path.join(from, rel), path.join(to, rel));
    return digestOf(to, rel);
  });
}

function sqliteFileOf(url: string): string {
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (!file || file === ':memory:') throw new Error('an in-memory database cannot be backed up or restored');
  return path.resolve(file);
}

/** A PostgreSQL client's connection: the URL without its password, which goes in PGPASSWORD (never argv). */
function pgClientArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env };
}

function runClient(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${program} exited with ${code}: ${stderr.trim()}`))));
  });
}

/** A read-only Kysely over a SQLite file by itself (the backup copy), without the server's connection set-up. */
async function withSqliteFile<T>(file: string, work: (db: Kysely<DatabaseSchema>) => Promise<T>): Promise<T> {
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file, { readonly: true, fileMustExist: true }) }) });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

async function missingAttachmentFiles(db: Queryable, uploads: FileDigest[]): Promise<string[]> {
  const present = new Set(uploads.map((u) => u.path));
  const keys = await db.selectFrom('attachments').select('storage_key').execute();
  return keys.map((k) => k.storage_key).filter((k) => !present.has(k));
}

export async function backupTo(deps: AppDeps, dir: string): Promise<Manifest> {
  const target = path.resolve(dir);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) throw new Error(`${target} is not empty; give a new directory`);
  fs.mkdirSync(target, { recursive: true });
  const createdAt = new Date().toISOString();
  let database: FileDigest;
  let tables: Record<string, TableDigest>;
  let audit: AuditVerification;
  if (deps.database.dialect === 'sqlite') {
    // SQLite's online backup API from a connection of its own: all pages in one step (the progress callback asks
    // for every remaining page), which is one read transaction — a consistent snapshot that, in WAL mode, does not
    // hold up the server's writes (in smaller steps every write would restart the copy).
    const source = new BetterSqlite3(sqliteFileOf(deps.config.databaseUrl), { fileMustExist: true });
    try {
      await source.backup(path.join(target, SQLITE_FILE), { progress: () => 0x7fffffff });
    } finally {
      source.close();
    }
    database = digestOf(target, SQLITE_FILE);
    // The manifest describes the copy itself, so it matches the snapshot whatever was written meanwhile.
    [tables, audit] = await withSqliteFile(path.join(target, SQLITE_FILE), async (db) => [await tableDigests(db), await verifyAuditTrail(db)]);
  } else {
    // One repeatable-read transaction exports its snapshot; pg_dump dumps exactly that snapshot while the manifest
    // is computed in it, so the dump and the manifest describe the same instant.
    const { dbname, env } = pgClientArgs(deps.config.databaseUrl);
    [tables, audit] = await deps.database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (tx) => {
        const snapshot = (await sql<{ s: string }>`select pg_export_snapshot() as s`.execute(tx)).rows[0]!.s;
        const dump = runClient('pg_dump', ['-Fc', `--snapshot=${snapshot}`, '-f', path.join(target, PG_FILE), `--dbname=${dbname}`], env);
        const digests = await tableDigests(tx);
        const verification = await verifyAuditTrail(tx);
        await dump;
        return [digests, verification] as const;
      });
    database = digestOf(target, PG_FILE);
  }
  // Files are written before the row that refers to them commits and never removed after, so copying them
  // after the snapshot includes every file it refers to.
  const uploads = copyFiles(deps.config.uploadDir, path.join(target, UPLOADS), listFiles(deps.config.uploadDir));
  const missing =
    deps.database.dialect === 'sqlite'
      ? await withSqliteFile(path.join(target, SQLITE_FILE), (db) => missingAttachmentFiles(db, uploads))
      : await missingAttachmentFiles(deps.database.db, uploads);
  const manifest: Manifest = {
    format: 'huanxin-backup',
    version: MANIFEST_VERSION,
    appVersion: deps.config.version,
    dialect: deps.database.dialect,
    createdAt,
    database,
    tables,
    audit,
    uploads,
    missingAttachmentFiles: missing,
  };
  fs.writeFileSync(path.join(target, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

export interface Comparison {
  /** Files of the backup against the manifest, before anything is restored. */
  filesBefore: { path: string; ok: boolean }[];
  tables: { table: string; rows: number; restoredRows: number | null; ok: boolean }[];
  uploadsAfter: { path: string; ok: boolean }[];
  audit: AuditVerification;
  ok: boolean;
}

export function readManifest(dir: string): Manifest {
  const file = path.join(path.resolve(dir), 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${file} not found: not a backup directory`);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (m.format !== 'huanxin-backup' || m.version !== MANIFEST_VERSION) throw new Error(`${file}: unknown backup format ${m.format} v${m.version}`);
  return m;
}

const checkFiles = (root: string, files: FileDigest[]) =>
  files.map((f) => {
    const file = path.join(root, f.path);
    return { path: f.path, ok: fs.existsSync(file) && fs.statSync(file).size === f.bytes && sha256File(file) === f.sha256 };
  });

async function targetTableCount(deps: AppDeps): Promise<number> {
  const tables = await deps.database.db.introspection.getTables({ withInternalKyselyTables: true });
  if (deps.database.dialect === 'sqlite') return tables.length;
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(deps.database.db)).rows[0]!.s;
  return tables.filter((t) => t.schema === schema).length;
}

export async function restoreFrom(deps: AppDeps, dir: string, options: { force?: boolean } = {}): Promise<Comparison> {
  const source = path.resolve(dir);
  const manifest = readManifest(source);
  if (manifest.dialect !== deps.database.dialect) throw new Error(`the backup is of a ${manifest.dialect} database; DATABASE_URL is ${deps.database.dialect}`);
  const filesBefore = checkFiles(source, [manifest.database, ...manifest.uploads.map((u) => ({ ...u, path: `${UPLOADS}/${u.path}` }))]);
  if (filesBefore.some((f) => !f.ok))
    throw new Error(
      `the backup does not match its manifest: ${filesBefore
        .filter((f) => !f.ok)
        .map((f) => f.path)
        .join(', ')}`,
    );
  const existing = await targetTableCount(deps);
  const existingUploads = listFiles(deps.config.uploadDir).length;
  if ((existing > 0 || existingUploads > 0) && !options.force)
    throw new Error(`the target is not empty (${existing} tables, ${existingUploads} uploaded files); restore into an empty database or give --force`);

  if (deps.database.dialect === 'sqlite') {
    // The backup API again, from the copy into the configured file: pages are written under SQLite's locks, so
    // the CLI's own (idle) connection to that file simply sees the restored database.
    const copy = new BetterSqlite3(path.join(source, SQLITE_FILE), { readonly: true, fileMustExist: true });
    try {
      await copy.backup(sqliteFileOf(deps.config.databaseUrl));
    } finally {
      copy.close();
    }
  } else {
    const { dbname, env } = pgClientArgs(deps.config.databaseUrl);
    // One transaction: a failed restore leaves the database as it was. Ownership goes to the restoring (owner)
    // role and grants are left out: re-apply the application role's with db:grant-app-role.
    const args = ['--no-owner', '--no-acl', '--single-transaction', ...(options.force && existing > 0 ? ['--clean', '--if-exists'] : [])];
    await runClient('pg_restore', [...args, `--dbname=${dbname}`, path.join(source, PG_FILE)], env);
  }
  if (options.force) fs.rmSync(deps.config.uploadDir, { recursive: true, force: true });
  copyFiles(
    path.join(source, UPLOADS),
    deps.config.uploadDir,
    manifest.uploads.map((u) => u.path),
  );

  const restored = await tableDigests(deps.database.db);
  const names = [...new Set([...Object.keys(manifest.tables), ...Object.keys(restored)])].sort();
  const tables = names.map((table) => {
    const want = manifest.tables[table];
    const got = restored[table];
    return { table, rows: want?.rows ?? 0, restoredRows: got?.rows ?? null, ok: Boolean(want && got && want.rows === got.rows && want.sha256 === got.sha256) };
  });
  const uploadsAfter = checkFiles(deps.config.uploadDir, manifest.uploads);
  const audit = await verifyAuditTrail(deps.database.db);
  const auditOk = audit.ok === manifest.audit.ok && audit.records === manifest.audit.records;
  return {
    filesBefore,
    tables,
    uploadsAfter,
    audit,
    ok: tables.every((t) => t.ok) && uploadsAfter.every((u) => u.ok) && auditOk,
  };
}

const describeAudit = (a: AuditVerification) =>
  a.ok ? `OK, ${a.records} records in ${a.chains} chains` : `BROKEN at record ${a.brokenId ?? '(end)'} of chain ${a.chain} (${a.reason})`;

export function printComparison(c: Comparison, manifest: Manifest): void {
  console.log(`backup files against the manifest: ${c.filesBefore.filter((f) => f.ok).length}/${c.filesBefore.length} match`);
  console.log(`${'table'.padEnd(36)} ${'backup'.padStart(9)} ${'restored'.padStart(9)}  checksum`);
  for (const t of c.tables)
    console.log(`${t.table.padEnd(36)} ${String(t.rows).padStart(9)} ${String(t.restoredRows ?? '—').padStart(9)}  ${t.ok ? 'same' : 'DIFFERENT'}`);
  console.log(`uploaded files restored: ${c.uploadsAfter.filter((u) => u.ok).length}/${c.uploadsAfter.length} byte for byte`);
  console.log(`audit chain: backup ${describeAudit(manifest.audit)}; restored ${describeAudit(c.audit)}`);
  console.log(c.ok ? 'RESTORED: everything matches the manifest' : 'MISMATCH: the restored data differs from the backup');
}

export const backupCommands: CliCommand[] = [
  {
    name: 'backup',
    usage: 'backup DIR                 online, consistent backup of the database and uploads into the new directory DIR, with manifest.json',
    async run(deps, args) {
      const dir = args[0];
      if (!dir) {
        console.error('usage: backup DIR');
        return 1;
      }
      try {
        const m = await backupTo(deps, dir);
        const rows = Object.values(m.tables).reduce((s, t) => s + t.rows, 0);
        console.log(
          `backup of ${m.dialect} written to ${path.resolve(dir)}: ${Object.keys(m.tables).length} tables, ${rows} rows, ${m.uploads.length} uploaded files`,
        );
        console.log(`audit chain at backup: ${describeAudit(m.audit)}`);
        if (m.missingAttachmentFiles.length)
          console.error(`WARNING: ${m.missingAttachmentFiles.length} attachments have no file: ${m.missingAttachmentFiles.join(', ')}`);
        return m.missingAttachmentFiles.length ? 1 : 0;
      } catch (e) {
        console.error(`backup failed: ${e instanceof Error ? e.message : String(e)}`);
        return 1;
      }
    },
  },
  {
    name: 'restore',
    usage: 'restore DIR [--force]      restore a backup into the configured (empty) database and upload directory, then compare with its manifest',
    async run(deps, args) {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
      const dir = positionals[0];
      if (!dir) {
        console.error('usage: restore DIR [--force]');
        return 1;
      }
      try {
        const comparison = await restoreFrom(deps, dir, { force: Boolean(values.force) });
        printComparison(comparison, readManifest(dir));
        if (deps.database.dialect === 'postgres') console.log('grants are not restored: run db:grant-app-role --role NAME as the owner');
        return comparison.ok ? 0 : 1;
      } catch (e) {
        console.error(`restore refused or failed: ${e instanceof Error ? e.message : String(e)}`);
        return 1;
      }
    },
  },
];
