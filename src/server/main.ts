import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { systemContext } from './core/context.js';
import { AppError } from './core/errors.js';
import { hashPassword } from './core/crypto.js';
import { inTransaction } from './db/database.js';
import { nowIso } from './db/time.js';
import { stopWithin } from './shutdown.js';
import { buildApp } from './app.js';
import { createDeps, prepareDatabase } from './runtime.js';
import { appendAudit, verifyAuditTrail } from './modules/platform/audit/auditTrail.js';
import { createUserBody } from './modules/platform/users/schema.js';
import { insertUser } from './modules/platform/users/service.js';
import { DEMO_PASSWORD } from './modules/platform/seed/seedDemo.js';
import { importUsers } from './cli/userImport.js';
import { startScheduler } from './core/jobs.js';
import { translate } from './core/messages.js';
import { EXTRA_COMMANDS } from './cli/commands.js';
import { warnIfAdministratorsMissing } from './cli/adminInit.js';

const USAGE = `Huanxin command line
  serve                      migrate, seed reference data (and demo data unless HUANXIN_DEMO=0), serve on $PORT
  migrate                    apply pending database migrations
  seed [--demo]              load reference data (and demo accounts with --demo)
  user:create --username U --password P --role R [--org ORG_NAME] [--display-name N]
  user:import FILE           bulk accounts from CSV or xlsx: username,displayName,role,organization,password[,mobile]
  user:reset-password --username U --password P   (the user must change it at next sign-in)
  audit:verify               recompute the audit hash chains; exit 1 at the first broken record
${EXTRA_COMMANDS.map((c) => `  ${c.usage}`).join('\n')}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const deps = createDeps(config);
  const ctx = systemContext('cli');
  try {
    switch (command) {
      case 'serve':
        return await serve(deps);
      case 'migrate': {
        const report = await prepareDatabase(deps, { demo: false });
        console.log(`migrations applied: ${report.migrationsApplied.length ? report.migrationsApplied.join(', ') : 'none (up to date)'}`);
        return 0;
      }
      case 'seed': {
        const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' } } });
        const report = await prepareDatabase(deps, { demo: Boolean(values.demo), demoProgrammes: Boolean(values.demo) });
        printDemo(report.demoAccounts);
        console.log('reference data loaded');
        return 0;
      }
      case 'user:create': {
        const { values } = parseArgs({
          args: rest,
          options: {
            username: { type: 'string' },
            password: { type: 'string' },
            role: { type: 'string' },
            org: { type: 'string' },
            'display-name': { type: 'string' },
          },
        });
        await prepareDatabase(deps, { demo: false });
        const orgName =
          values.org ??
          (values.role === 'office' || values.role === 'admin' || values.role === 'auditor' || values.role === 'security'
            ? '工作专班办公室（市发改局）'
            : undefined);
        const org = orgName
          ? await deps.database.db
              .selectFrom('organizations')
              .select('id')
              .where((eb) => eb.or([eb('name', '=', orgName), eb('code', '=', orgName)]))
              .executeTakeFirst()
          : undefined;
        if (!org) {
          console.error(`organisation not found: ${orgName ?? '(give --org ORG_NAME)'}`);
          return 1;
        }
        const parsed = createUserBody.safeParse({
          username: values.username,
          displayName: values['display-name'] ?? values.username,
          role: values.role,
          organizationId: Number(org.id),
          password: values.password,
          mustChangePassword: false,
        });
        if (!parsed.success) {
          for (const i of parsed.error.issues) console.error(`${i.path.join('.')}: ${i.message}`);
          return 1;
        }
        const id = await inTransaction(deps.database, async (tx) => {
          const id = await insertUser(tx, deps, parsed.data);
          await appendAudit(tx, ctx, {
            entity: 'user',
            entityId: id,
            action: 'create',
            organizationId: parsed.data.organizationId,
            after: { username: parsed.data.username, role: parsed.data.role },
          });
          return id;
        });
        console.log(`created user ${parsed.data.username} (id ${id}, role ${parsed.data.role})`);
        return 0;
      }
      case 'user:import': {
        const file = rest[0];
        if (!file) {
          console.error('usage: user:import FILE');
          return 1;
        }
        await prepareDatabase(deps, { demo: false });
        const result = await importUsers(deps, file);
        if (result.errors.length) {
          console.error('nothing imported; fix these rows:');
          for (const e of result.errors) console.error(`  row ${e.row}, ${e.column}: ${e.message}`);
          return 1;
        }
        console.log(`imported ${result.created} accounts (each must change the password at first sign-in)`);
        return 0;
      }
      case 'user:reset-password': {
        const { values } = parseArgs({ args: rest, options: { username: { type: 'string' }, password: { type: 'string' } } });
        const password = createUserBody.shape.password.safeParse(values.password);
        if (!values.username || !password.success) {
          console.error('usage: user:reset-password --username U --password P (at least 10 characters from 3 classes)');
          return 1;
        }
        const hash = await hashPassword(password.data);
        const updated = await inTransaction(deps.database, async (tx) => {
          const user = await tx.selectFrom('users').select('id').where('username', '=', values.username!).executeTakeFirst();
          if (!user) return false;
          const now = nowIso();
          await tx
            .updateTable('users')
            .set({ password_hash: hash, must_change_password: 1, password_changed_at: now, updated_at: now })
            .where('id', '=', user.id)
            .execute();
          await tx
            .updateTable('sessions')
            .set({ ended_at: now, end_reason: 'password_reset' })
            .where('user_id', '=', user.id)
            .where('ended_at', 'is', null)
            .execute();
          await appendAudit(tx, ctx, { entity: 'user', entityId: Number(user.id), action: 'resetPassword' });
          return true;
        });
        if (!updated) {
          console.error(`no such user: ${values.username}`);
          return 1;
        }
        console.log(`password reset for ${values.username}; it must be changed at next sign-in`);
        return 0;
      }
      case 'audit:verify': {
        const result = await verifyAuditTrail(deps.database.db);
        if (result.ok) {
          console.log(`OK: ${result.records} records in ${result.chains} chains verified`);
          return 0;
        }
        console.error(`BROKEN: chain ${result.chain}, record ${result.brokenId ?? '(end of chain)'} (${result.reason}); ${result.records} records read`);
        return 1;
      }
      default: {
        const extra = EXTRA_COMMANDS.find((c) => c.name === command);
        if (extra) return await extra.run(deps, rest);
        console.error(`unknown command: ${command}\n${USAGE}`);
        return 1;
      }
    }
  } catch (e) {
    if (e instanceof AppError) {
      console.error(`${e.code}: ${translate('en', e.messageKey, e.params)} ${e.fields.map((f) => `${f.path}: ${translate('en', f.reason)}`).join('; ')}`);
      return 1;
    }
    throw e;
  } finally {
    if (command !== 'serve') await deps.database.close();
  }
}

function printDemo(accounts: { role: string; username: string; organization: string }[] | null) {
  if (!accounts) return;
  console.log('\n================ DEMO ACCOUNTS (演示账号，仅供演示) ================');
  for (const a of accounts) console.log(`  ${a.role.padEnd(11)} ${a.username.padEnd(18)} ${a.organization}`);
  console.log(`  password for all demo accounts: ${DEMO_PASSWORD}`);
  console.log('  (set HUANXIN_DEMO=0 to start without demo data)');
  console.log('=====================================================================\n');
}

async function serve(deps: ReturnType<typeof createDeps>): Promise<number> {
  const report = await prepareDatabase(deps, { demo: deps.config.demo, demoProgrammes: deps.config.demo });
  printDemo(report.demoAccounts);
  const app = await buildApp(deps);
  // Production never makes administrators by itself: the three duties are created with `admin:init`.
  if (deps.config.nodeEnv === 'production') await warnIfAdministratorsMissing(deps, app.log);
  let closing = false;
  let stopJobs = () => {};
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    const deadlineMs = deps.config.shutdownTimeoutMs;
    app.log.info({ signal, deadlineMs }, 'shutting down: finishing in-flight requests');
    const outcome = await stopWithin(async () => {
      stopJobs();
      // A connection busy when the stop began and idle after its answer would hold app.close() open to the
      // deadline: close such connections as they go idle.
      const reap = setInterval(() => app.server.closeIdleConnections(), 100);
      try {
        await app.close();
      } finally {
        clearInterval(reap);
      }
      await deps.database.close();
    }, deadlineMs);
    if (outcome === 'deadline') app.log.warn({ deadlineMs }, 'shutdown deadline passed: exiting with requests still open');
    process.exit(outcome === 'clean' ? 0 : 1);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: deps.config.port, host: deps.config.host });
  stopJobs = startScheduler(
    deps,
    deps.modules.flatMap((m) => m.jobs ?? []),
    app.log,
  );
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : deps.config.port;
  app.log.info(`Huanxin ${deps.config.version} on http://localhost:${port} (${deps.database.dialect})`);
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(err);
    process.exit(1);
  },
);
