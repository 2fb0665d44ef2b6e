import { z } from 'zod';
import { BRAND_KINDS, CERTIFICATION_LEVELS, STANDARD_LEVELS, STANDARD_ROLES, STANDARD_STAGES } from '../../../../shared/enums/renewalStandards.js';
import { brandFields, brandSpec } from './brands.js';
import { claimViewBase, type claimDetailExtra } from './schema.js';
import { certificationFields, certificationSpec } from './certifications.js';
import { rdReportFields, rdReportSpec } from './rdReports.js';
import { standardFields, standardSpec } from './standards.js';

/** The part's four models by their path under /api/renewal, with their view fields and list filters (the routes are made from these). */
export const CLAIM_MODELS_BY_PATH = {
  standards: {
    spec: standardSpec,
    fields: standardFields,
    query: { level: z.enum(STANDARD_LEVELS).optional(), role: z.enum(STANDARD_ROLES).optional(), stage: z.enum(STANDARD_STAGES).optional() },
  },
  certifications: {
    spec: certificationSpec,
    fields: certificationFields,
    query: { kind: z.string().trim().max(60).optional(), level: z.enum(CERTIFICATION_LEVELS).optional() },
  },
  brands: { spec: brandSpec, fields: brandFields, query: { kind: z.enum(BRAND_KINDS).optional() } },
  'rd-reports': { spec: rdReportSpec, fields: rdReportFields, query: { industry: z.string().trim().max(60).optional() } },
} as const;

/** The views of each model (list rows) and their details, as the routes answer them and the web reads them. */
const viewOf = <F extends z.ZodRawShape>(fields: F) => claimViewBase.extend(fields);
export const standardView = viewOf(standardFields);
export const certificationView = viewOf(certificationFields);
export const brandView = viewOf(brandFields);
export const rdReportView = viewOf(rdReportFields);
export type StandardView = z.infer<typeof standardView>;
export type CertificationView = z.infer<typeof certificationView>;
export type BrandView = z.infer<typeof brandView>;
export type RdReportView = z.infer<typeof rdReportView>;
export type ClaimDetail = z.infer<typeof claimDetailExtra>;
