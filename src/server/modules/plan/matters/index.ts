import './tables.js';

/** Major matters (重大事项) raised to the office and escalated to the work team; and the plan's public text. */
export { matterRoutes } from './routes.js';
export { matterMigrations } from './migrations.js';
export { matterMessages } from './messages.js';
export { matterParameters } from './parameters.js';
export { seedMattersDemo, seedWorkTeam, seedWorkTeamAccount, DEMO_WORK_TEAM_USER } from './seed.js';
export type { MatterTables } from './tables.js';
