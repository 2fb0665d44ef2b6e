import { z } from 'zod';
import { ORGANIZATION_KINDS, ORGANIZATION_STATUSES } from '../../../../shared/roles.js';
import { zCreditCode, zMobile, zPassword } from '../../../../shared/zodFields.js';
import { listQuery, pageOf } from '../../../http/schema.js';

export const organizationSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(ORGANIZATION_KINDS),
    status: z.enum(ORGANIZATION_STATUSES),
    divisionCode: z.string().nullable(),
    creditCode: z.string().nullable(),
    townId: z.number().int().nullable(),
    townName: z.string().nullable(),
    address: z.string().nullable(),
    contactName: z.string().nullable(),
    contactMobile: z.string().nullable().describe('masked'),
    reviewNote: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    createdAt: z.string(),
    isDemo: z.boolean(),
  })
  .meta({ id: 'Organization' });
export type OrganizationView = z.infer<typeof organizationSchema>;

export const organizationFilters = z.object({
  kind: z.enum(ORGANIZATION_KINDS).optional(),
  status: z.enum(ORGANIZATION_STATUSES).optional(),
  townId: z.coerce.number().int().positive().optional(),
});

export const listOrganizationsQuery = listQuery(['name', 'kind', 'status', 'createdAt'] as const).extend(organizationFilters.shape);
export type ListOrganizationsQuery = z.infer<typeof listOrganizationsQuery>;
export const exportOrganizationsQuery = organizationFilters.extend({ q: z.string().trim().max(100).optional() });

export const organizationPage = pageOf(organizationSchema);

export const reviewBody = z.object({ note: z.string().trim().max(500).optional() });
export const rejectBody = z.object({ note: z.string().trim().min(2).max(500) });

export const updateOrganizationBody = z
  .object({
    address: z.string().trim().min(2).max(200).optional(),
    contactName: z.string().trim().min(1).max(50).optional(),
    contactMobile: zMobile().optional(),
  })
  .strict();

export const enterpriseRegistrationBody = z
  .object({
    name: z.string().trim().min(2).max(100),
    creditCode: zCreditCode(),
    townId: z.number().int().positive(),
    address: z.string().trim().min(2).max(200),
    contactName: z.string().trim().min(1).max(50),
    contactMobile: zMobile(),
    username: z
      .string()
      .trim()
      .min(3)
      .max(40)
      .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/),
    password: zPassword(),
  })
  .strict();
export type EnterpriseRegistration = z.infer<typeof enterpriseRegistrationBody>;

export const townSchema = z.object({ id: z.number().int(), name: z.string(), divisionCode: z.string().nullable() });
