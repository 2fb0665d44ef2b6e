import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ANONYMOUS, type RequestContext } from '../core/context.js';
import { AppError, ForbiddenError, unauthenticated } from '../core/errors.js';
import { resolveLocale } from '../core/locale.js';
import { signedIn } from '../core/policy.js';
import type { PrincipalResolver, ResolvedPrincipal } from '../core/principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
    principal: ResolvedPrincipal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes a user who must change their password may still call. */
export const ALLOWED_BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set(['/api/auth/me', '/api/auth/logout', '/api/auth/password', '/api/auth/locale']);

/**
 * Works out who is calling (session cookie or API token), in which language, and enforces CSRF and the route's
 * declared policy before any handler runs.
 */
export function installRequestContext(app: FastifyInstance, principals: PrincipalResolver): void {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (request) => {
    let principal: ResolvedPrincipal | null = null;
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      principal = await principals.fromApiToken(auth.slice(7).trim());
      if (!principal) throw unauthenticated();
    } else {
      const cookie = request.cookies[principals.sessionCookie];
      if (cookie) principal = await principals.fromSession(cookie);
    }
    request.principal = principal;
    request.ctx = {
      actor: principal?.actor ?? ANONYMOUS,
      requestId: request.id,
      ip: request.ip ?? null,
      locale: resolveLocale(principal?.savedLocale, request.headers['accept-language']),
    };
  });

  app.addHook('preValidation', async (request) => {
    const principal = request.principal;
    const routePath = request.routeOptions.url ?? '';
    if (principal?.actor.kind === 'user' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[principals.csrfHeader];
      if (typeof sent !== 'string' || sent !== principal.csrfToken) throw new AppError(403, 'CSRF_FAILED', 'error.CSRF_FAILED');
    }
    if (principal?.mustChangePassword && routePath.startsWith('/api/') && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(routePath))
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', 'error.PASSWORD_CHANGE_REQUIRED');
    const declared = request.routeOptions.config.policy;
    if (!declared) {
      // Fail closed: an API route that forgot to declare its policy is unreachable.
      if (routePath.startsWith('/api/') && !routePath.startsWith('/api/docs')) throw new ForbiddenError('route', null, routePath);
      return;
    }
    if (declared === 'public') return;
    const actor = request.ctx.actor;
    if (!signedIn(actor)) throw unauthenticated();
    if (declared === 'authenticated') return;
    if (!declared.policy.can(actor, declared.action)) {
      throw new ForbiddenError(declared.policy.resource, null, declared.action);
    }
  });
}

export function deniedAuditTarget(request: FastifyRequest, error: AppError): { entity: string; entityId: string | null; action: string } {
  if (error instanceof ForbiddenError) return { entity: error.entity, entityId: error.entityId, action: error.action };
  return { entity: 'route', entityId: null, action: `${error.code} ${request.method} ${request.routeOptions.url ?? request.url}` };
}
