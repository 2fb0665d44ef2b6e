/**
 * Second-hand dealers and their credit (the plan's 二(三)3): what server and web share. Values are stored as they
 * are written here; labels live in the messages of each side.
 */

/** What a dealer trades in: used cars, household appliances, furniture, anything else. One or more. */
export const DEALER_KINDS = ['cars', 'appliances', 'furniture', 'other'] as const;
export type DealerKind = (typeof DEALER_KINDS)[number];

/** A registered dealer trades (active), is stopped for a time (suspended), or has left the register (deregistered). */
export const DEALER_STATUSES = ['active', 'suspended', 'deregistered'] as const;
export type DealerStatus = (typeof DEALER_STATUSES)[number];

/** Kinds of violation a credit record names (the rule set gives each its points). */
export const VIOLATION_TYPES = ['unlicensed_trading', 'odometer_tampering', 'concealed_history', 'data_not_wiped', 'false_advertising', 'other'] as const;
export type ViolationType = (typeof VIOLATION_TYPES)[number];

/** In force, or revoked on appeal (with its reason): a revoked record counts for nothing and is not published. */
export const VIOLATION_STATUSES = ['in_force', 'revoked'] as const;
export type ViolationStatus = (typeof VIOLATION_STATUSES)[number];

/** Credit grades, best first: A 守信, B 基本守信, C 失信, D 严重失信. */
export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];

/** A plate's region: the province's character and the city's letter (闽C); never the whole plate. */
export const PLATE_REGION_PATTERN = /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z]$/;
