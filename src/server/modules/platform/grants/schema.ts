import { z } from 'zod';
import { GRANT_CAPABILITIES } from './policy.js';

// Domains are declared by the modules at start-up, so the schema takes any name and the service checks it
// against the declared list (a field-level 400 naming the declared values, like an enum would).
const domain = z.string().trim().min(1).max(40);

export const grantView = z
  .object({
    organizationId: z.number().int(),
    organizationName: z.string(),
    domain: z.string(),
    capability: z.enum(GRANT_CAPABILITIES),
    grantedBy: z.number().int().nullable(),
    grantedAt: z.string(),
  })
  .meta({ id: 'OrganizationGrant' });
export type GrantView = z.infer<typeof grantView>;

export const listGrantsQuery = z.object({ domain: domain.optional() });
export type ListGrantsQuery = z.infer<typeof listGrantsQuery>;

export const grantBody = z.object({ organizationId: z.number().int().positive(), domain, capability: z.enum(GRANT_CAPABILITIES) }).strict();
export type GrantInput = z.infer<typeof grantBody>;

export const grantDomainView = z.object({ domain: z.string(), capabilities: z.array(z.enum(GRANT_CAPABILITIES)) });

export const myGrantsView = z.object({ domain: z.string(), manage: z.boolean(), confirmPayment: z.boolean() });
