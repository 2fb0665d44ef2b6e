import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { unauthenticated } from '../../../core/errors.js';
import { loadUserView, userViewSchema } from '../users/userView.js';
import { changePassword, login, logout, registerResident, setLocale } from './authService.js';
import {
  changePasswordBody,
  localeBody,
  loginBody,
  loginResponse,
  meResponse,
  mfaChallengeBody,
  mfaEnrolmentResponse,
  mfaLoginBody,
  mfaSessionResponse,
  residentRegistrationBody,
} from './schema.js';
import { signInWithSecondFactor, startEnrolmentAtSignIn } from '../mfa/signin.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './sessions.js';

const tags = ['auth'];

export const authRoutes: ModulePlugin = async (app, { deps }) => {
  const secure = deps.config.nodeEnv === 'production' || deps.config.tls;
  const setSessionCookies = (reply: FastifyReply, cookieValue: string, csrfToken: string, expiresAt: string) => {
    const expires = new Date(expiresAt);
    reply.setCookie(SESSION_COOKIE, cookieValue, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires });
    // Readable by the page so it can echo it in X-CSRF-Token (double submit, checked against the session).
    reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', httpOnly: false, sameSite: 'lax', secure, expires });
  };

  app.post('/auth/login', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'Sign in with account name (or a resident’s mobile) and password',
      description:
        'Answers the session, or — for an account with a second factor, or whose role requires one — `{ mfaRequired: true, challenge, enrolmentRequired }` and no session: the challenge goes to POST /api/auth/login/mfa.',
      body: loginBody,
      response: { 200: loginResponse },
    },
    handler: async (req, reply) => {
      const result = await login(deps, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      if ('mfaRequired' in result) return result;
      setSessionCookies(reply, result.cookieValue, result.csrfToken, result.expiresAt);
      return { user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt };
    },
  });

  app.post('/auth/login/mfa', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'Second step of a sign-in: the challenge with a 6-digit code or a recovery code; starts the session',
      body: mfaLoginBody,
      response: { 200: mfaSessionResponse },
    },
    handler: async (req, reply) => {
      const result = await signInWithSecondFactor(deps, req.ctx, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      setSessionCookies(reply, result.cookieValue, result.csrfToken, result.expiresAt);
      return {
        user: result.user,
        csrfToken: result.csrfToken,
        expiresAt: result.expiresAt,
        ...(result.recoveryCodes ? { recoveryCodes: result.recoveryCodes } : {}),
      };
    },
  });

  app.post('/auth/login/mfa/enrol', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'At sign-in, an account that must enrol first gets its authenticator secret and otpauth URI (shown once)',
      body: mfaChallengeBody,
      response: { 200: mfaEnrolmentResponse },
    },
    handler: (req) => startEnrolmentAtSignIn(deps, req.ctx, req.body.challenge, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null }),
  });

  app.post('/auth/logout', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: 'Sign out (ends this session)', response: { 204: z.null() } },
    handler: async (req, reply) => {
      await logout(deps, req.ctx);
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  });

  app.get('/auth/me', {
    config: { policy: 'public' },
    schema: { tags, summary: 'The signed-in account with its role and organisation', response: { 200: meResponse } },
    handler: async (req) => {
      const userId = req.ctx.actor.userId;
      if (userId === null) throw unauthenticated();
      return { user: await loadUserView(deps.database.db, userId), csrfToken: req.principal?.csrfToken ?? null };
    },
  });

  app.post('/auth/password', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: 'Change my password', body: changePasswordBody, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await changePassword(deps, req.ctx, req.body);
      return reply.code(204).send(null);
    },
  });

  app.put('/auth/locale', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: 'Remember my language', body: localeBody, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await setLocale(deps, req.ctx, req.body.locale);
      return reply.code(204).send(null);
    },
  });

  app.post('/auth/register/resident', {
    config: { policy: 'public' },
    schema: { tags, summary: 'A resident registers with real name and citizen ID', body: residentRegistrationBody, response: { 201: userViewSchema } },
    handler: async (req, reply) => reply.code(201).send(await registerResident(deps, req.ctx, req.body)),
  });
};
