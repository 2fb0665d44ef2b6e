/**
 * The yardstick: a bare Fastify hello-world on the same machine, under the same load as the claims — the same
 * requests (method, path, cookie and CSRF headers) on the same connections, answered without any work.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.route({ method: ['GET', 'POST'], url: '/*', handler: async () => ({ hello: 'world' }) });
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
