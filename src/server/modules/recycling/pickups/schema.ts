import { z } from 'zod';
import { DATA_WIPE_METHODS, PICKUP_STATUSES, RECYCLING_CATEGORIES } from '../../../../shared/enums/recycling.js';
import { pageQuery } from '../../../http/schema.js';

const instant = z.iso.datetime({ offset: true });
const category = z.enum(RECYCLING_CATEGORIES);

export const bookPickupBody = z
  .object({
    items: z
      .array(z.object({ category, count: z.number().int().min(1).max(20), photos: z.array(z.number().int().positive()).max(5).optional() }).strict())
      .min(1)
      .max(10),
    address: z.string().trim().min(4).max(200),
    townId: z.number().int().positive(),
    window: z.object({ from: instant, to: instant }).strict(),
  })
  .strict();
export type BookPickupInput = z.infer<typeof bookPickupBody>;

export const completePickupBody = z
  .object({
    items: z
      .array(
        z
          .object({
            category,
            count: z.number().int().min(1).max(50),
            weightKg: z.number().positive().max(10_000).optional(),
            serialNumber: z.string().trim().min(2).max(64).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    pricePaidFen: z.number().int().min(0).max(100_000_000).meta({ description: 'What the recycler paid the resident, in fen' }),
    dataWipe: z
      .object({ method: z.enum(DATA_WIPE_METHODS), by: z.string().trim().min(1).max(60), at: instant })
      .strict()
      .optional()
      .describe('Required when a phone, computer, tablet or watch is handed in'),
  })
  .strict();
export type CompletePickupInput = z.infer<typeof completePickupBody>;

export const reasonBody = z.object({ reason: z.string().trim().min(2).max(500) }).strict();
export const confirmBody = z.object({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(500).optional() }).strict();
export const rescheduleBody = z.object({ window: z.object({ from: instant, to: instant }).strict(), reason: z.string().trim().min(2).max(500) }).strict();

export const pickupListQuery = pageQuery.extend({ status: z.enum(PICKUP_STATUSES).optional() });

export const bookedView = z.object({ id: z.number().int(), status: z.literal('booked') });
export const completedView = z.object({
  /** The certificate of the first unit (the only one when one unit was handed in). */
  certificateNumber: z.string(),
  certificateNumbers: z.array(z.string()),
});

const timelineItem = z.object({
  at: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorRole: z.string().nullable(),
  note: z.string().nullable(),
  reasons: z.array(z.string()),
});

export const pickupView = z.object({
  id: z.number().int(),
  status: z.enum(PICKUP_STATUSES),
  route: z.enum(['standard', 'bulky']),
  items: z.array(z.object({ category: z.string(), count: z.number().int(), photos: z.array(z.number().int()).optional() })),
  address: z.string(),
  townId: z.number().int(),
  townName: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  recyclerOrganizationId: z.number().int().nullable(),
  recyclerName: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  handedItems: z
    .array(z.object({ category: z.string(), count: z.number().int(), weightKg: z.number().optional(), serialNumber: z.string().optional() }))
    .nullable(),
  pricePaidFen: z.number().int().nullable(),
  dataWipe: z.object({ method: z.enum(DATA_WIPE_METHODS), by: z.string(), at: z.string() }).nullable(),
  completedAt: z.string().nullable(),
  rating: z.number().int().nullable(),
  escalated: z.boolean(),
  createdAt: z.string(),
  /** For the assigned recycler while the pickup is to be done: whom to call. */
  contact: z.object({ name: z.string(), mobile: z.string().nullable() }).nullable(),
  /** What the reader may do now. */
  actions: z.array(z.string()),
});
export type PickupView = z.infer<typeof pickupView>;

export const pickupDetailView = pickupView.extend({
  timeline: z.array(timelineItem),
  certificates: z.array(z.object({ number: z.string(), category: z.string(), serialNumber: z.string().nullable(), issuedAt: z.string() })),
});
