/** Values of the renewal module's standards, certifications, brands and R&D records (the plan's 四(一), 五(三)) shared by server and web. */

/** The four kinds of record an enterprise submits with evidence for a department to confirm. */
export const CLAIM_MODELS = ['standard', 'certification', 'brand', 'rd'] as const;
export type ClaimModel = (typeof CLAIM_MODELS)[number];

/**
 * Every record's way: a draft of its organisation → submitted with evidence → confirmed by the department holding
 * the grant, or returned with a reason (edited and submitted again). A confirmed record found wrong is withdrawn
 * with a reason; its organisation may correct it and submit it again.
 */
export const CLAIM_STATUSES = ['draft', 'submitted', 'confirmed', 'returned', 'withdrawn'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const STANDARD_LEVELS = ['international', 'national', 'industry', 'local', 'group', 'enterprise'] as const;
export type StandardLevel = (typeof STANDARD_LEVELS)[number];
/** The levels the plan's 全市参与修订国家、行业标准 counts (A4-S-01). */
export const COUNTED_STANDARD_LEVELS = ['national', 'industry'] as const satisfies readonly StandardLevel[];

/** 主导 (lead drafter) or 参与 (participant). */
export const STANDARD_ROLES = ['lead', 'participant'] as const;
export type StandardRole = (typeof STANDARD_ROLES)[number];

/** The standard's own stage: 立项, 征求意见, 报批, 发布, 实施, 废止. */
export const STANDARD_STAGES = ['approved', 'consultation', 'submitted_for_approval', 'published', 'implemented', 'abolished'] as const;
export type StandardStage = (typeof STANDARD_STAGES)[number];
/** Stages at which the standard has been published (it carries a publication date). */
export const PUBLISHED_STAGES = ['published', 'implemented', 'abolished'] as const satisfies readonly StandardStage[];

/** The code list of certification kinds, kept by officials at /admin/dictionaries. */
export const CERTIFICATION_KIND_DICTIONARY = 'renewal_certification_kind';
export const CERTIFICATION_LEVELS = ['national', 'provincial', 'city'] as const;
export type CertificationLevel = (typeof CERTIFICATION_LEVELS)[number];

/** 国潮 brands and 晋江优品 products. */
export const BRAND_KINDS = ['guochao', 'jinjiang_premium'] as const;
export type BrandKind = (typeof BRAND_KINDS)[number];

/** The lists' sort keys. */
export const CLAIM_SORTS = ['createdAt', 'updatedAt', 'date', 'status', 'name'] as const;

/** A standard number as stored for dedupe: GB/T 12345—2024, gb/t 12345-2024 and GB/T12345–2024 are one standard. */
export function normaliseStandardNumber(number: string): string {
  return number
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[—–－‐-]/g, '-')
    .replace(/\s+/g, '')
    .trim();
}

/** A certificate number compared without spacing or case. */
export const normaliseCertificateNumber = (n: string) => n.normalize('NFKC').toUpperCase().replace(/\s+/g, '');

/**
 * The prefix a standard number of a level starts with (loosely: the code before the serial). International: ISO,
 * IEC, ITU; national: GB, GB/T, GB/Z; industry: two letters (QB/T, FZ/T, JC/T…); local: DB; group: T/; enterprise: Q/.
 */
export const STANDARD_NUMBER_PATTERNS: Record<StandardLevel, RegExp> = {
  international: /^(ISO|IEC|ITU|ISO\/IEC)[\s/A-Z]*\d/,
  national: /^GB(\/[TZ])?-?\s*\d/,
  industry: /^[A-Z]{2}(\/[TZ])?-?\s*\d/,
  local: /^DB\d{2,6}(\/T)?-?\s*\d/,
  group: /^T\/[A-Z0-9]+\s*\d/,
  enterprise: /^Q\/[A-Z0-9]+\s*\d/,
};
