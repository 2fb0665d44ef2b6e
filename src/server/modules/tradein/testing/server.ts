/**
 * A real Huanxin server process on a given database (and PostgreSQL schema), for the two-process test:
 *   DATABASE_URL=… HUANXIN_PG_SCHEMA=t_abc PORT=0 node --import tsx src/server/modules/tradein/testing/server.ts
 * Prints one JSON line `{"port":N}` once it listens; stops on SIGTERM.
 */
import { loadConfig } from '../../../config.js';
import { buildApp } from '../../../app.js';
import { createDeps, prepareDatabase } from '../../../runtime.js';

const config = loadConfig();
const schema = process.env.HUANXIN_PG_SCHEMA;
const deps = createDeps(config, schema ? { schema } : {});
await prepareDatabase(deps, { demo: false });
const app = await buildApp(deps);
await app.listen({ port: config.port, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : config.port })}\n`);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => deps.database.close())
    .finally(() => process.exit(0));
});
