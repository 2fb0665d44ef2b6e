import { z } from 'zod';

/** One entry of a record's timeline as views return it (`timelineOf`), oldest first. */
export const timelineItemView = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorUserId: z.number().int().nullable(),
  actorRole: z.string().nullable(),
  organizationId: z.number().int().nullable(),
  note: z.string().nullable(),
  reasons: z.array(z.string()),
  params: z.record(z.string(), z.unknown()),
});
