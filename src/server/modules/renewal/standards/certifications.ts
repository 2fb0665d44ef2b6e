import { z } from 'zod';
import { CERTIFICATION_KIND_DICTIONARY, CERTIFICATION_LEVELS, normaliseCertificateNumber } from '../../../../shared/enums/renewalStandards.js';
import { shanghaiDate } from '../../../core/time.js';
import { AppError, type FieldIssue } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { isCodeOffered } from '../../platform/dictionaries/service.js';
import { certificationPolicy } from '../policies/certification.js';
import { claimLabels } from './labels.js';
import type { ClaimSpec } from './model.js';
import { claimBodyBase, date, text } from './schema.js';
import { certificationWorkflow } from './workflow.js';

export const certificationBody = claimBodyBase
  .extend({
    kind: text(60).describe('`renewal_certification_kind` dictionary code'),
    title: text(200, 2).describe('The certified product, site or scope'),
    issuer: text(200, 2),
    certificateNumber: text(80, 2),
    level: z.enum(CERTIFICATION_LEVELS),
    issuedOn: date,
    validUntil: date.nullable().optional(),
  })
  .strict();
export type CertificationInput = z.infer<typeof certificationBody>;

export const certificationFields = {
  kind: z.string(),
  title: z.string(),
  issuer: z.string(),
  certificateNumber: z.string(),
  level: z.enum(CERTIFICATION_LEVELS),
  issuedOn: z.string(),
  validUntil: z.string().nullable(),
  /** Past its validity as of today (Asia/Shanghai): shown as expired. */
  expired: z.boolean(),
};

async function checkCertification(tx: Tx, input: CertificationInput, _organizationId: number, id: number | null) {
  const issues: FieldIssue[] = [];
  if (!(await isCodeOffered(tx, CERTIFICATION_KIND_DICTIONARY, input.kind))) issues.push({ path: 'kind', reason: 'field.renewal.standards.codeNotOffered' });
  if (input.validUntil && input.validUntil < input.issuedOn) issues.push({ path: 'validUntil', reason: 'field.renewal.standards.validBeforeIssued' });
  if (input.issuedOn > shanghaiDate()) issues.push({ path: 'issuedOn', reason: 'field.renewal.standards.dateInFuture' });
  if (issues.length) return issues;
  // A certificate number is unique within its kind, whoever holds it (renewal_certification_numbers holds them all).
  let q = tx
    .selectFrom('renewal_certification_numbers')
    .select('certification_id')
    .where('kind', '=', input.kind)
    .where('number_key', '=', normaliseCertificateNumber(input.certificateNumber));
  if (id !== null) q = q.where('certification_id', '!=', id);
  if (await q.executeTakeFirst())
    throw new AppError(409, 'DUPLICATE', 'error.DUPLICATE', { field: 'certificateNumber' }, [
      { path: 'certificateNumber', reason: 'field.renewal.standards.certificateTaken' },
    ]);
  return issues;
}

/**
 * Holds a certification's number in renewal_certification_numbers, keyed by kind and number whoever holds it: on
 * Citus the certifications are distributed by enterprise and their own unique index could only hold within one. An
 * edit that changes the number releases the old one in the same transaction. Certifications are never deleted and a
 * withdrawn one keeps its number (as the unique index did), so nothing else releases it.
 */
async function holdNumber(
  tx: Tx,
  record: { id: number; organizationId: number; columns: { kind?: string; number_key?: string } },
  before?: { kind: string; number_key: string },
): Promise<void> {
  const { kind, number_key } = record.columns as { kind: string; number_key: string };
  if (before?.kind === kind && before.number_key === number_key) return;
  if (before)
    await tx
      .deleteFrom('renewal_certification_numbers')
      .where('kind', '=', before.kind)
      .where('number_key', '=', before.number_key)
      .where('certification_id', '=', record.id)
      .execute();
  await tx
    .insertInto('renewal_certification_numbers')
    .values({ kind, number_key, organization_id: record.organizationId, certification_id: record.id })
    .execute();
}

/** Certifications of enterprises, confirmed by 市工信局 (renewal `manage`). */
export const certificationSpec: ClaimSpec<'renewal_certifications', CertificationInput, Record<string, unknown>> = {
  model: 'certification',
  table: 'renewal_certifications',
  workflow: certificationWorkflow,
  policy: certificationPolicy,
  domain: 'renewal',
  body: certificationBody,
  columns: (i) => ({
    kind: i.kind,
    title: i.title,
    issuer: i.issuer,
    certificate_number: i.certificateNumber,
    number_key: normaliseCertificateNumber(i.certificateNumber),
    level: i.level,
    issued_on: i.issuedOn,
    valid_until: i.validUntil ?? null,
  }),
  view: (r) => ({
    kind: r.kind,
    title: r.title,
    issuer: r.issuer,
    certificateNumber: r.certificate_number,
    level: r.level,
    issuedOn: r.issued_on,
    validUntil: r.valid_until,
    expired: r.valid_until !== null && r.valid_until < shanghaiDate(),
  }),
  check: checkCertification,
  holdKeys: holdNumber,
  search: ['title', 'issuer', 'certificate_number'],
  dateColumn: 'issued_on',
  nameColumn: 'title',
  filters: { kind: 'kind', level: 'level' },
  sheet: { 'zh-CN': '认证', en: 'Certifications' },
  exportColumns: (ctx, label) => {
    const l = claimLabels(ctx.locale);
    const today = shanghaiDate();
    return [
      { header: l.organization, width: 30, value: (r) => r.organization_name },
      { header: l.town, value: (r) => r.town_name },
      { header: l.kind, width: 20, value: (r) => label(CERTIFICATION_KIND_DICTIONARY, r.kind) },
      { header: l.title, width: 36, value: (r) => r.title },
      { header: l.certificateNumber, width: 24, value: (r) => r.certificate_number },
      { header: l.level, value: (r) => l.certificationLevel[r.level] },
      { header: l.issuer, width: 28, value: (r) => r.issuer },
      { header: l.issuedOn, value: (r) => r.issued_on },
      { header: l.validUntil, value: (r) => (r.valid_until && r.valid_until < today ? `${r.valid_until}（${l.expired}）` : r.valid_until) },
      { header: l.status, value: (r) => l.statusOf[r.status] },
      { header: l.confirmedAt, width: 22, value: (r) => r.confirmed_at },
    ];
  },
};
