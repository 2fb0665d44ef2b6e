import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { translate } from './core/messages.js';
import type { AppDeps } from './core/deps.js';
import { resolveLocale } from './core/locale.js';
import { inTransaction, ping } from './db/database.js';
import { migrationsOf } from './core/module.js';
import { frameworkErrorHandler, installErrorHandling, sendError } from './http/errorHandler.js';
import { installIdempotency } from './http/idempotency.js';
import { installSecurityHeaders } from './http/securityHeaders.js';
import { installResponseStats } from './http/responseStats.js';
import { deniedAuditTarget, installRequestContext } from './http/requestContext.js';
import { appendAudit } from './modules/platform/audit/auditTrail.js';
import { principalResolver } from './modules/platform/auth/sessions.js';
import { installControlCharacterGuard } from './http/controlCharacters.js';
import { documentedTransform, documentedTransformObject } from './http/openapi.js';
import { appliedMigrationCount } from './db/migrations.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered, for the test that no route is without a policy. */
    routeCatalog: RouteOptions[];
  }
}

/** Longer path parameters than Fastify's 100 reach the route's own validation; above this, a 414 in the API's shape. */
export const MAX_PARAM_LENGTH = 1000;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    // A stop closes idle keep-alive connections at once and waits only for requests in flight (see shutdown.ts).
    forceCloseConnections: 'idle',
    // Longer path parameters than Fastify's 100 reach the route's own validation (a field-level 400 or a 404 in the
    // API's shape); above MAX_PARAM_LENGTH the router refuses them, and frameworkErrors gives that 414 (and an
    // undecodable path's 400) the API's shape instead of Fastify's bare one.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: frameworkErrorHandler(MAX_PARAM_LENGTH),
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('routeCatalog', [] as RouteOptions[]);
  app.addHook('onRoute', (route) => {
    app.routeCatalog.push(route as RouteOptions);
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    // Only under the cluster supervisor: which process answered (its tests and an operator tracing a request).
    if (config.clusterWorkerId) reply.header('x-huanxin-worker', config.clusterWorkerId);
    done();
  });

  // The API speaks JSON (and multipart for uploads); anything else is a 415, not a confusing validation error.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  installResponseStats(app);
  installSecurityHeaders(app, { tls: config.tls, trustProxy: config.trustProxy });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 10 } });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Huanxin API',
        description: '晋江市推动大规模设备更新和消费品以旧换新行动 — platform API',
        version: config.version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'hx_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: documentedTransform,
    transformObject: documentedTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  installRequestContext(app, principalResolver(deps.database, deps.config, deps.parameters));
  installIdempotency(app, deps.database);
  installControlCharacterGuard(app);
  installErrorHandling(app, async (request, error) => {
    const target = deniedAuditTarget(request, error);
    await inTransaction(deps.database, (tx) =>
      appendAudit(tx, request.ctx, { ...target, outcome: 'denied', after: { method: request.method, url: request.url } }),
    );
  });

  // Liveness, not readiness: it answers from the event loop alone. A process whose database pool is saturated
  // during a rush is busy, not hung — killing it would only drop the claims it holds (cluster/supervisor.ts).
  app.get('/livez', { config: { policy: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok', pid: process.pid }));
  app.get('/healthz', { config: { policy: 'public' }, schema: { hide: true } }, async () => {
    await ping(deps.database);
    return {
      status: 'ok',
      version: config.version,
      database: deps.database.dialect,
      migrations: await appliedMigrationCount(deps.database, migrationsOf(deps.modules)),
    };
  });
  app.get('/api/openapi.json', { config: { policy: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const modules = deps.modules;
  const extensions = {
    homeNotices: modules.flatMap((m) => m.homeNotices ?? []),
    grantDomains: modules.flatMap((m) => m.grantDomains ?? []),
  };
  for (const mod of modules) await app.register(mod.plugin, { prefix: '/api', deps, extensions });

  const indexHtml = path.join(config.webDistDir, 'index.html');
  const hasWeb = fs.existsSync(indexHtml);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: config.webDistDir, wildcard: false, index: false, maxAge: '1h' });
  }
  app.setNotFoundHandler({ preHandler: async () => undefined }, async (request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (url.startsWith('/api/') || url === '/api' || request.method !== 'GET' || !hasWeb) {
      const locale = request.ctx?.locale ?? resolveLocale(null, request.headers['accept-language']);
      return sendError(reply, 404, 'ROUTE_NOT_FOUND', translate(locale, 'error.ROUTE_NOT_FOUND', { method: request.method, url }));
    }
    // Client-side routes of the single-page app.
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}
