/**
 * Roles of DESIGN.md "Who may do what". One account has exactly one. The three administrator duties of 等保2.0
 * (三员分立) are three roles: `admin` the system administrator (accounts and organisations), `security` the security
 * administrator (security policies and parameters, keys, second-factor resets) and `auditor` the audit administrator.
 */
export const ROLES = ['office', 'department', 'town', 'enterprise', 'merchant', 'recycler', 'resident', 'auditor', 'admin', 'security'] as const;
export type Role = (typeof ROLES)[number];

/** Kinds of organisation an account can belong to. */
export const ORGANIZATION_KINDS = ['office', 'department', 'town', 'enterprise', 'public'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const ORGANIZATION_STATUSES = ['pending', 'active', 'rejected', 'suspended'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

/** Which roles an account of an organisation kind may hold. */
export const ROLES_BY_ORGANIZATION_KIND: Record<OrganizationKind, readonly Role[]> = {
  office: ['office', 'admin', 'auditor', 'security'],
  department: ['department'],
  town: ['town'],
  enterprise: ['enterprise', 'merchant', 'recycler'],
  public: ['resident'],
};

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
