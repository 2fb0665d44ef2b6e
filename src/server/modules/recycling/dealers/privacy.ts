import type { FieldIssue } from '../../../core/errors.js';
import { validateCitizenId } from '../../../../shared/validators/citizenId.js';

/**
 * Text published on the disclosure page is written for publication, but people paste: before a description or a
 * penalty is stored, it is searched for what obviously identifies a person or a car — an ID number (18 or 15
 * digits), a mainland mobile, a VIN, a whole plate — and refused with a field error naming what was found.
 */
const ID_LIKE = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const MOBILE_LIKE = /(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)/;
const VIN_LIKE = /(?<![0-9A-Za-z])[0-9A-HJ-NPR-Za-hj-npr-z]{17}(?![0-9A-Za-z])/g;
const PLATE_LIKE = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][A-HJ-NP-Za-hj-np-z][·•\s]?[A-HJ-NP-Za-hj-np-z0-9]{5,6}/;

export type PersonalDataKind = 'citizenId' | 'mobile' | 'vin' | 'plate';

export function personalDataIn(text: string): PersonalDataKind | null {
  // An 18-character ID passes its check digit; a 15-digit one (old format) has no check, any such run counts.
  for (const m of text.matchAll(ID_LIKE)) if (m[1]!.length === 15 || validateCitizenId(m[1]!).ok || /^\d{6}(19|20)\d{2}/.test(m[1]!)) return 'citizenId';
  if (MOBILE_LIKE.test(text)) return 'mobile';
  // Any 17 VIN characters mixing letters and digits: a VIN pasted with a typo is still a VIN.
  for (const m of text.matchAll(VIN_LIKE)) if (/\d/.test(m[0]) && /[A-Za-z]/.test(m[0])) return 'vin';
  if (PLATE_LIKE.test(text)) return 'plate';
  return null;
}

const REASONS = {
  citizenId: 'field.recycling.dealerPersonalDataCitizenId',
  mobile: 'field.recycling.dealerPersonalDataMobile',
  vin: 'field.recycling.dealerPersonalDataVin',
  plate: 'field.recycling.dealerPersonalDataPlate',
} as const;

/** Field issues for every published text that carries personal data. */
export function personalDataIssues(fields: Record<string, string | null | undefined>): FieldIssue[] {
  return Object.entries(fields).flatMap(([path, value]) => {
    const kind = value ? personalDataIn(value) : null;
    return kind ? [{ path, reason: REASONS[kind] }] : [];
  });
}
