import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRootOptions } from '../../../core/module.js';
import { homeNoticePolicy } from '../policies/homeNotice.js';
import { homeNotices } from './service.js';

const noticeView = z.object({
  key: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  link: z.string().nullable(),
});

export const homeRoutes: FastifyPluginAsyncZod<ModuleRootOptions> = async (app, { deps, extensions }) => {
  app.get('/home/notices', {
    config: { policy: { policy: homeNoticePolicy, action: 'list' } },
    schema: {
      tags: ['home'],
      summary: 'What the signed-in user should know now (programmes ending, calendars missing), from every module',
      response: { 200: z.array(noticeView) },
    },
    handler: (req) => homeNotices(deps, req.ctx, extensions.homeNotices),
  });
};
