import type { QueueProbe } from '../../../../core/module.js';

/** Unit record files uploaded and not yet read into reports: what the service status page shows as the import backlog. */
export const importQueue: QueueProbe = {
  name: 'plan.imports',
  label: { 'zh-CN': '待处理的台账导入', en: 'Record imports waiting or running' },
  scope: 'database',
  async depth(deps) {
    const row = await deps.database.db
      .selectFrom('plan_import_jobs')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
