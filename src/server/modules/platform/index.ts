import type { HuanxinModule } from '../../core/module.js';
import { platformMessages } from './messages.js';
import { attachmentRoutes } from './attachments/routes.js';
import { auditRoutes } from './audit/routes.js';
import { authRoutes } from './auth/routes.js';
import { grantRoutes } from './grants/routes.js';
import { homeRoutes } from './home/routes.js';
import { platformMigrations } from './migrations.js';
import { notificationRoutes } from './notifications/routes.js';
import { jobRoutes } from './jobs/routes.js';
import { statusRoutes } from './status/routes.js';
import { organizationRoutes } from './organizations/routes.js';
import { userRoutes } from './users/routes.js';
import { dictionaryRoutes } from './dictionaries/routes.js';
import { platformDictionaries } from './dictionaries/definitions.js';
import { seedDictionaries } from './dictionaries/seed.js';
import { platformParameters } from './parameters/definitions.js';
import { parameterRoutes } from './parameters/routes.js';
import { seedReferenceOrganizations } from './seed/seedReference.js';
import { importJobsQueue, importRecoveryJob } from './imports/recovery.js';
import { mfaRoutes } from './mfa/routes.js';
import { mfaJobs } from './mfa/jobs.js';
import { keyJobs } from './keys/jobs.js';
import { rateWindowPurgeJob } from './auth/rateWindowJob.js';
import { keyRoutes } from './keys/routes.js';
import { securityControlRoutes } from './security/routes.js';
import { noticeRoutes, seedNoticesDemo } from './notices/index.js';

/** Organisations and their grants, accounts, sessions, tokens, the audit trail, attachments and notifications. */
export const platformModule: HuanxinModule = {
  name: 'platform',
  messages: platformMessages,
  migrations: platformMigrations,
  // The office, the plan's responsible units, the towns: every other module's seed names them.
  seed: {
    reference: async (deps) => {
      await seedReferenceOrganizations(deps.database);
      // Every module's declared code lists (the platform's reference seed runs first).
      await seedDictionaries(deps);
    },
    demo: seedNoticesDemo,
  },
  dictionaries: platformDictionaries,
  parameters: platformParameters,
  // Background spreadsheet imports of every module (imports/kernel.ts): dead ones given up, the backlog shown.
  jobs: [importRecoveryJob, rateWindowPurgeJob, ...mfaJobs, ...keyJobs],
  queues: [importJobsQueue],
  plugin: async (app, { deps, extensions }) => {
    await app.register(authRoutes, { deps });
    await app.register(organizationRoutes, { deps });
    await app.register(userRoutes, { deps });
    await app.register(auditRoutes, { deps });
    await app.register(attachmentRoutes, { deps });
    await app.register(notificationRoutes, { deps });
    await app.register(dictionaryRoutes, { deps });
    await app.register(parameterRoutes, { deps });
    await app.register(jobRoutes, { deps });
    await app.register(statusRoutes, { deps });
    await app.register(homeRoutes, { deps, extensions });
    await app.register(grantRoutes, { deps, extensions });
    await app.register(mfaRoutes, { deps });
    await app.register(keyRoutes, { deps });
    await app.register(securityControlRoutes, { deps });
    await app.register(noticeRoutes, { deps });
  },
};
