import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { HSTS_VALUE, installSecurityHeaders, type SecurityHeaderOptions } from './securityHeaders.js';

const apps: ReturnType<typeof Fastify>[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

async function appWith(options: SecurityHeaderOptions) {
  const app = Fastify({ trustProxy: options.trustProxy ?? false });
  installSecurityHeaders(app, options);
  app.get('/x', async () => ({ ok: true }));
  apps.push(app);
  await app.ready();
  return app;
}

describe('security headers', () => {
  it('without TLS: no Strict-Transport-Security, X-XSS-Protection 0 and the CSP', async () => {
    const app = await appWith({ tls: false, trustProxy: false });
    const res = await app.inject({ url: '/x' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-xss-protection']).toBe('0');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('with TLS: Strict-Transport-Security for a year with subdomains, on every answer (404 too)', async () => {
    const app = await appWith({ tls: true, trustProxy: false });
    for (const url of ['/x', '/missing']) {
      const res = await app.inject({ url });
      expect(res.headers['strict-transport-security']).toBe(HSTS_VALUE);
    }
    expect(HSTS_VALUE).toBe('max-age=31536000; includeSubDomains');
  });

  it('behind a trusted proxy: only when X-Forwarded-Proto says https', async () => {
    const app = await appWith({ tls: false, trustProxy: true });
    const https = await app.inject({ url: '/x', headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers['strict-transport-security']).toBe(HSTS_VALUE);
    const chained = await app.inject({ url: '/x', headers: { 'x-forwarded-proto': 'HTTPS, http' } });
    expect(chained.headers['strict-transport-security']).toBe(HSTS_VALUE);
    const http = await app.inject({ url: '/x', headers: { 'x-forwarded-proto': 'http' } });
    expect(http.headers['strict-transport-security']).toBeUndefined();
    const none = await app.inject({ url: '/x' });
    expect(none.headers['strict-transport-security']).toBeUndefined();
  });

  it('an untrusted X-Forwarded-Proto is ignored', async () => {
    const app = await appWith({ tls: false, trustProxy: false });
    const res = await app.inject({ url: '/x', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
