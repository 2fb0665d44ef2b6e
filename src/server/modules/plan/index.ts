import type { HuanxinModule } from '../../core/module.js';
import { planMessages } from './messages.js';
import { dashboardRoutes } from './dashboard/routes.js';
import { indicatorRoutes } from './indicators/routes.js';
import { metricRegistry } from './metrics/index.js';
import { planMetricRoutes } from './metrics/routes.js';
import type { MetricRegistry } from './metrics/registry.js';
import { milestoneRoutes } from './milestones/routes.js';
import { planMigrations } from './migrations.js';
import { combinedObservationSource, noReportedObservations, type ObservationSource } from './observations/source.js';
import { planRoutes } from './plans/routes.js';
import { seedPlans } from './seed/seedPlans.js';
import { importQueue } from './reporting/imports/queue.js';
import { reportedObservationSource, reportingJobs, reportingMigrations, reportingRoutes } from './reporting/index.js';
import { cascadeRoutes } from './cascade/routes.js';
import { dashboardMigrations } from './dashboard/migrations.js';
import { intakeRoutes } from './intake/routes.js';
import { matterMigrations, matterParameters, matterRoutes, seedMattersDemo, seedWorkTeam } from './matters/index.js';
import { seedPlanDemo } from './seed/seedDemo.js';
import { seedSupervisionDemo, supervisionJobs, supervisionMigrations, supervisionParameters, supervisionRoutes } from './supervision/index.js';

export { metricRegistry } from './metrics/index.js';
export { MetricRegistry } from './metrics/registry.js';
export type { MetricDefinition, MetricParams } from './metrics/registry.js';
export type { ObservationSource, ObservedIndicator, IndicatorObservations, ObservationQuery } from './observations/source.js';

export interface PlanModuleOptions {
  /**
   * Observations of reported indicators (accepted reports, by the reporting work). Until it is plugged in,
   * reported indicators have none and show as not started.
   */
  reportedObservations?: ObservationSource;
}

/**
 * Plans, actions, tasks, indicators, milestones, revisions, status and the dashboard. Built around a metric
 * registry so computed indicators read other modules' metrics by name without touching their tables.
 */
export function createPlanModule(registry: MetricRegistry, options: PlanModuleOptions = {}): HuanxinModule {
  const measure = {
    registry,
    observations: combinedObservationSource(registry, options.reportedObservations ?? noReportedObservations),
  };
  return {
    name: 'plan',
    messages: planMessages,
    // Reporting (periods, reports, workspace, briefing) is part of the plan module, with its own migrations.
    migrations: [...planMigrations, ...reportingMigrations, ...dashboardMigrations, ...supervisionMigrations, ...matterMigrations],
    jobs: [...reportingJobs, ...supervisionJobs],
    queues: [importQueue],
    parameters: [...supervisionParameters, ...matterParameters],
    seed: {
      reference: async (deps) => {
        await seedPlans(deps);
        await seedWorkTeam(deps);
      },
      // Reports first (18 months of them), then the orders and matters that follow from them.
      demo: async (deps) => {
        await seedPlanDemo(deps);
        await seedSupervisionDemo(deps);
        await seedMattersDemo(deps);
      },
    },
    plugin: async (app, { deps }) => {
      await app.register(planRoutes, { deps });
      await app.register(indicatorRoutes(registry), { deps });
      await app.register(planMetricRoutes(registry), { deps });
      await app.register(milestoneRoutes, { deps });
      await app.register(dashboardRoutes(measure), { deps });
      await app.register(reportingRoutes, { deps });
      await app.register(intakeRoutes, { deps });
      await app.register(cascadeRoutes, { deps });
      await app.register(supervisionRoutes, { deps });
      await app.register(matterRoutes, { deps });
    },
  };
}

export const planModule = createPlanModule(metricRegistry, { reportedObservations: reportedObservationSource });
