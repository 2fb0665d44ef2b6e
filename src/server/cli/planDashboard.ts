import type { CliCommand } from './commands.js';
import { rebuildDashboard } from '../modules/plan/dashboard/rebuild.js';

/** `npm run cli -- plan:dashboard-rebuild`: refills the dashboard's maintained observations from the reports. */
export const dashboardCommands: readonly CliCommand[] = [
  {
    name: 'plan:dashboard-rebuild',
    usage: 'plan:dashboard-rebuild                 refill the plan dashboard’s maintained observations from the reports',
    async run(deps) {
      const r = await rebuildDashboard(deps);
      console.log(JSON.stringify(r));
      return 0;
    },
  },
];
