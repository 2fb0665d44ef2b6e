import type { FastifyInstance } from 'fastify';

/**
 * The security headers every response carries, computed once. (Helmet rebuilt its CSP on each request, a few
 * per cent of a request's CPU under load; the set below is helmet's defaults with our CSP.)
 */
export function installSecurityHeaders(app: FastifyInstance, options: { hsts: boolean }): void {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // Ant Design writes its styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self' data:",
    // The evidence viewer shows a PDF it fetched (audited, access-checked) as a blob: URL in an <iframe>; 'self'
    // alone does not match blob:. Plugins stay off (object-src), so <object>/<embed> are never used.
    "frame-src 'self' blob:",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
  const headers: Record<string, string> = {
    'content-security-policy': csp,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
    ...(options.hsts ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
