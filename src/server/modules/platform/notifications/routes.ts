import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { idParams, pageOf, pageQuery } from '../../../http/schema.js';
import { notificationPolicy } from '../policies/notification.js';
import { listMyNotifications, markAllNotificationsRead, markNotificationRead, myUnreadCount } from './service.js';

const tags = ['notifications'];
const notificationSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.unknown()),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const notificationRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/notifications', {
    config: { policy: { policy: notificationPolicy, action: 'list' } },
    schema: {
      tags,
      summary: 'My notifications, newest first, with the unread count',
      querystring: pageQuery.extend({
        unread: z
          .enum(['true', 'false'])
          .optional()
          .transform((v) => v === 'true'),
      }),
      response: { 200: pageOf(notificationSchema).extend({ unread: z.number().int() }) },
    },
    handler: (req) => listMyNotifications(deps, req.ctx, req.query),
  });
  app.get('/notifications/unread-count', {
    config: { policy: { policy: notificationPolicy, action: 'list' } },
    schema: { tags, summary: 'How many of my notifications are unread (the header bell polls it)', response: { 200: z.object({ unread: z.number().int() }) } },
    handler: (req) => myUnreadCount(deps, req.ctx),
  });
  app.post('/notifications/:id/read', {
    config: { policy: { policy: notificationPolicy, action: 'markRead' } },
    schema: { tags, summary: 'Mark one notification read', params: idParams, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await markNotificationRead(deps, req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });
  app.post('/notifications/read-all', {
    config: { policy: { policy: notificationPolicy, action: 'list' } },
    schema: { tags, summary: 'Mark all my notifications read', response: { 200: z.object({ marked: z.number().int() }) } },
    handler: async (req) => ({ marked: await markAllNotificationsRead(deps, req.ctx) }),
  });
};
