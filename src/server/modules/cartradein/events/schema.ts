import { z } from 'zod';
import { CAR_EVENT_TYPES } from '../tables.js';

const date = z.iso.date();

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
  status: z.enum(['planned', 'held', 'cancelled']).describe('held once results are reported'),
  results: z
    .object({
      visitors: z.number().int(),
      salesFen: z.number().int(),
      subsidiesRedeemedFen: z.number().int(),
      subsidiesRedeemedCount: z.number().int(),
      reportedAt: z.string(),
    })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EventView = z.infer<typeof eventView>;

export const calendarQuery = z.object({
  from: date.optional().describe('Default today (Asia/Shanghai)'),
  to: date.optional().describe('Default 90 days after `from`'),
  townId: z.coerce.number().int().positive().optional(),
  type: eventTypeField.optional(),
});
export const listEventsQuery = calendarQuery.extend({
  status: z.enum(['planned', 'held', 'cancelled']).optional(),
  mine: z.enum(['true', 'false']).optional().describe('Only events my organisation organises or takes part in'),
});
export type ListEventsQuery = z.infer<typeof listEventsQuery>;
