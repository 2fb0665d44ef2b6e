/**
 * API routes no page calls, each with the reason none should: integrations, machine clients, CLI-backed operations.
 * `webRoutes.test.ts` fails on a route that is neither called by the web nor listed here, and on a stale entry.
 */
export const API_ONLY_ROUTES: readonly { route: string; reason: string }[] = [
  {
    route: 'GET /api/milestones/:id',
    reason: 'One milestone by id, for API-token clients; the plan tree page shows each milestone from the tree it loads.',
  },
  {
    route: 'GET /api/plan-periods/:id',
    reason: 'One reporting period by id, for API-token clients; the reports page shows periods from their list.',
  },
  {
    route: 'GET /api/plan/metrics/value',
    reason:
      'One metric over one window, for API-token clients (a province reading Jinjiang’s figures) and bench/ledgers; the dashboard shows metrics through indicators.',
  },
  {
    route: 'GET /api/tradein/merchants/:id',
    reason: 'One enrolment by id, for API-token clients; the merchants and enrolment pages show enrolments from their lists.',
  },
];
