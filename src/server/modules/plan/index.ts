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
    migrations: [...planMigrations, ...reportingMigrations],
    jobs: reportingJobs,
    queues: [importQueue],
    seed: { reference: seedPlans },
    plugin: async (app, { deps }) => {
      await app.register(planRoutes, { deps });
      await app.register(indicatorRoutes(registry), { deps });
      await app.register(planMetricRoutes(registry), { deps });
      await app.register(milestoneRoutes, { deps });
      await app.register(dashboardRoutes(measure), { deps });
      await app.register(reportingRoutes, { deps });
    },
  };
}

export const planModule = createPlanModule(metricRegistry, { reportedObservations: reportedObservationSource });
