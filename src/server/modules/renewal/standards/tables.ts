import type { Generated } from 'kysely';
import type { BrandKind, CertificationLevel, ClaimStatus, StandardLevel, StandardRole, StandardStage } from '../../../../shared/enums/renewalStandards.js';

/**
 * What every record of this part has: its organisation, its way through the claim workflow (standards/workflow.ts,
 * moves on record_timeline), the evidence it was submitted with and who confirmed it. Dates YYYY-MM-DD, timestamps
 * ISO UTC text.
 */
interface ClaimColumns {
  id: Generated<number>;
  /** The enterprise (or a body without an account, recorded by the confirmer). Its town is the organisation's. */
  organization_id: number;
  status: ClaimStatus;
  /** JSON array of attachment ids. */
  evidence_json: string;
  note: string | null;
  return_reason: string | null;
  withdraw_reason: string | null;
  submitted_at: string | null;
  confirmed_at: string | null;
  confirmed_by: number | null;
  confirmed_by_organization_id: number | null;
  created_by: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

/** One organisation's part in a standard (主导 or 参与); several organisations joining one standard each have a row. */
export interface RenewalStandardTable extends ClaimColumns {
  title: string;
  /** As typed (GB/T 12345—2024). */
  number: string;
  /** Normalised (GB/T12345-2024): one standard across the organisations' rows. */
  number_key: string;
  level: StandardLevel;
  role: StandardRole;
  stage: StandardStage;
  /** 立项, 发布, 实施 dates. */
  approved_on: string | null;
  published_on: string | null;
  implemented_on: string | null;
  /** The standards body (标准化技术委员会, the association, the enterprise). */
  body: string;
}

/** A certification of an enterprise (双碳, 能效领跑者, 企业标准领跑者, 绿色工厂… from a dictionary). */
export interface RenewalCertificationTable extends ClaimColumns {
  /** Code of the `renewal_certification_kind` dictionary. */
  kind: string;
  /** The certified product, site or scope. */
  title: string;
  issuer: string;
  certificate_number: string;
  /** Normalised; unique per kind. */
  number_key: string;
  level: CertificationLevel;
  issued_on: string;
  valid_until: string | null;
}

/**
 * The number of every certification of a kind, whoever holds it: a certificate is one enterprise's. Its own table
 * keyed by the number, since on Citus the certifications are distributed by enterprise and a unique key there holds
 * only within one enterprise.
 */
export interface RenewalCertificationNumberTable {
  kind: string;
  number_key: string;
  organization_id: number;
  certification_id: number;
}

/** A 国潮 brand or a 晋江优品 product of an enterprise. */
export interface RenewalBrandTable extends ClaimColumns {
  kind: BrandKind;
  name: string;
  category: string;
  recognized_on: string;
  recognizer: string;
}

/** An enterprise's R&D investment of one year (one report per enterprise and year). Money integer fen. */
export interface RenewalRdReportTable extends ClaimColumns {
  year: number;
  rd_fen: number;
  revenue_fen: number;
  rd_staff: number;
  /** Code of the `industry` dictionary. */
  industry: string;
}

export interface StandardsTables {
  renewal_standards: RenewalStandardTable;
  renewal_certifications: RenewalCertificationTable;
  renewal_brands: RenewalBrandTable;
  renewal_rd_reports: RenewalRdReportTable;
}

/** The part's lookup tables (apart from StandardsTables, whose every table is a claim model's). */
export interface StandardsLookupTables {
  renewal_certification_numbers: RenewalCertificationNumberTable;
}
