import { z } from 'zod';
import { pageOf, pageQuery } from '../../../http/schema.js';
import { CAR_EVENT_TYPES } from '../tables.js';

const date = z.iso.date();

export const EVENT_STATUSES = ['draft', 'published', 'held', 'cancelled'] as const;
export const EVENT_ACTIONS = ['update', 'publish', 'cancel', 'reportResults'] as const;

export const eventTypeField = z
  .enum(CAR_EVENT_TYPES)
  .describe(
    'car_promotion 汽车以旧换新促销, car_carnival 汽车嘉年华, car_expo 汽车展销会, appliance_rural 家电进乡村, ' +
      'appliance_community 家电进社区, home_building_expo 家装建材博览会, other 其他',
  );

export const eventInput = z
  .object({
    type: eventTypeField,
    title: z.string().trim().min(2).max(100),
    description: z.string().trim().max(2000).optional(),
    startsOn: date,
    endsOn: date,
    townId: z.number().int().positive().describe('The town or street where it takes place (organisation id)'),
    place: z.string().trim().min(2).max(200),
    merchantIds: z.array(z.number().int().positive()).max(200).default([]).describe('Participating enterprises (organisation ids)'),
  })
  .strict();
export type EventInput = z.infer<typeof eventInput>;

export const cancelEventBody = z.object({ reason: z.string().trim().min(2).max(500).describe('Why it is cancelled; shown on the event’s timeline') }).strict();
export type CancelEventInput = z.infer<typeof cancelEventBody>;

export const eventResultsBody = z
  .object({
    visitors: z.number().int().min(0).max(100_000_000),
    salesFen: z.number().int().min(0).max(1_000_000_000_000).describe('Sales at the event, integer fen'),
    subsidiesRedeemedFen: z.number().int().min(0).max(1_000_000_000_000).describe('Trade-in subsidies redeemed there, integer fen'),
    subsidiesRedeemedCount: z.number().int().min(0).max(10_000_000),
  })
  .strict();
export type EventResultsInput = z.infer<typeof eventResultsBody>;

const merchantView = z.object({ organizationId: z.number().int(), name: z.string() });
export type MerchantOption = z.infer<typeof merchantView>;

export const publicEventView = z.object({
  id: z.number().int(),
  type: eventTypeField,
  title: z.string(),
  description: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  townId: z.number().int(),
  townName: z.string(),
  place: z.string(),
  organizerName: z.string(),
  merchants: z.array(merchantView),
});

export const eventView = publicEventView.extend({
  organizationId: z.number().int(),
  status: z.enum(EVENT_STATUSES).describe('draft → published → held once results are reported, or cancelled'),
  results: z
    .object({
      visitors: z.number().int(),
      salesFen: z.number().int(),
      subsidiesRedeemedFen: z.number().int(),
      subsidiesRedeemedCount: z.number().int(),
      reportedAt: z.string(),
    })
    .nullable(),
  publishedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  actions: z.array(z.enum(EVENT_ACTIONS)).describe('What the caller may do to the event now'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EventView = z.infer<typeof eventView>;

export const eventDetailView = eventView.extend({
  timeline: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      from: z.enum(EVENT_STATUSES).nullable(),
      to: z.enum(EVENT_STATUSES),
      actorRole: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
});
export type EventDetailView = z.infer<typeof eventDetailView>;

export const calendarQuery = z.object({
  from: date.optional().describe('Default today (Asia/Shanghai)'),
  to: date.optional().describe('Default 90 days after `from`'),
  townId: z.coerce.number().int().positive().optional(),
  type: eventTypeField.optional(),
});
export type CalendarQuery = z.infer<typeof calendarQuery>;

export const listEventsQuery = pageQuery.extend({
  from: date.optional().describe('Events ending on or after this date'),
  to: date.optional().describe('Events starting on or before this date'),
  townId: z.coerce.number().int().positive().optional(),
  type: eventTypeField.optional(),
  status: z.enum(EVENT_STATUSES).optional(),
  q: z.string().trim().max(100).optional().describe('Search in title and place'),
  mine: z.enum(['true', 'false']).optional().describe('Only events my organisation organises or takes part in'),
});
export type ListEventsQuery = z.infer<typeof listEventsQuery>;
export const eventPage = pageOf(eventView);

export const merchantOptionsQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Part of the enterprise’s name'),
  ids: z
    .string()
    .regex(/^\d+(,\d+)*$/)
    .max(2000)
    .optional()
    .describe('Comma-separated ids to name (the ones already chosen)'),
});
export const merchantOptions = z.array(merchantView);
