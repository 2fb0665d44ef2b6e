import { z } from 'zod';
import { PROGRAM_KINDS, SHOWROOM_CHANNELS, SHOWROOM_KINDS, SHOWROOM_STATUSES } from '../../../../shared/enums/tradein.js';
import { listQuery, pageOf, pageQuery } from '../../../http/schema.js';

export { SHOWROOM_CHANNELS, SHOWROOM_KINDS, SHOWROOM_STATUSES };

/**
 * A showroom as its business writes it. Which of town, address and URL are required depends on the channel, so the
 * service checks them (with the town and the programmes) and names every field that is wrong at once.
 */
export const showroomInput = z
  .object({
    kind: z.enum(SHOWROOM_KINDS),
    channel: z.enum(SHOWROOM_CHANNELS),
    name: z.string().trim().min(2).max(100),
    townId: z.number().int().positive().nullable().default(null).describe('A town organisation; required offline, optional online'),
    address: z.string().trim().max(200).nullable().default(null).describe('Required offline (4–200 characters)'),
    url: z.string().trim().max(300).nullable().default(null).describe('http(s) address; required online, optional offline (booking page)'),
    openingHours: z.string().trim().min(2).max(100).describe('Free text, e.g. 每日 09:00–21:00'),
    description: z.string().trim().max(500).nullable().default(null),
    programIds: z.array(z.number().int().positive()).min(1).max(20).describe('Programmes the business has an enrolment in (pending or approved)'),
  })
  .strict();
export type ShowroomInput = z.infer<typeof showroomInput>;

const programRef = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(PROGRAM_KINDS) });

export const showroomView = z.object({
  id: z.number().int(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  kind: z.enum(SHOWROOM_KINDS),
  channel: z.enum(SHOWROOM_CHANNELS),
  name: z.string(),
  townId: z.number().int().nullable(),
  townName: z.string().nullable(),
  address: z.string().nullable(),
  url: z.string().nullable(),
  openingHours: z.string(),
  description: z.string().nullable(),
  status: z.enum(SHOWROOM_STATUSES),
  programs: z.array(programRef.extend({ status: z.enum(['draft', 'active', 'closed']), validTo: z.string().describe('Last day (Asia/Shanghai)') })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ShowroomView = z.infer<typeof showroomView>;
export const showroomPage = pageOf(showroomView);

export const SHOWROOM_SORTS = ['name', 'kind', 'town', 'organization', 'createdAt', 'updatedAt'] as const;
const showroomFilters = {
  kind: z.enum(SHOWROOM_KINDS).optional(),
  channel: z.enum(SHOWROOM_CHANNELS).optional(),
  status: z.enum(SHOWROOM_STATUSES).optional(),
  townId: z.coerce.number().int().positive().optional(),
  organizationId: z.coerce.number().int().positive().optional().describe('Supervisors only; a business always sees its own'),
};
/** Showrooms of a business, or every one for supervisors; `q` is part of the name, address or business name. */
export const listShowroomsQuery = listQuery(SHOWROOM_SORTS).extend(showroomFilters);
export type ListShowroomsQuery = z.infer<typeof listShowroomsQuery>;
export const exportShowroomsQuery = listShowroomsQuery.omit({ page: true, pageSize: true });
export type ExportShowroomsQuery = z.infer<typeof exportShowroomsQuery>;

/** The residents' finder of showrooms: open ones of businesses approved in a running programme. */
export const publicShowroomsQuery = pageQuery.extend({
  kind: z.enum(SHOWROOM_KINDS).optional(),
  channel: z.enum(SHOWROOM_CHANNELS).optional(),
  townId: z.coerce.number().int().positive().optional().describe('Only showrooms in this town (online ones have none unless given)'),
  programId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(100).optional().describe('Part of the showroom’s or the business’s name'),
});
export type PublicShowroomsQuery = z.infer<typeof publicShowroomsQuery>;

export const publicShowroomView = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(SHOWROOM_KINDS),
  channel: z.enum(SHOWROOM_CHANNELS),
  townId: z.number().int().nullable(),
  townName: z.string().nullable(),
  address: z.string().nullable(),
  url: z.string().nullable(),
  openingHours: z.string(),
  description: z.string().nullable(),
  organizationName: z.string(),
  /** Only the running programmes the business is approved in. */
  programs: z.array(programRef),
});
export type PublicShowroomView = z.infer<typeof publicShowroomView>;
export const publicShowroomPage = pageOf(publicShowroomView);
