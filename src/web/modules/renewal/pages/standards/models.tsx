import type { ReactNode } from 'react';
import { Form, Input, InputNumber, Select, Tag } from 'antd';
import {
  BRAND_KINDS,
  CERTIFICATION_KIND_DICTIONARY,
  CERTIFICATION_LEVELS,
  STANDARD_LEVELS,
  STANDARD_ROLES,
  STANDARD_STAGES,
  type ClaimModel,
} from '../../../../../shared/enums/renewalStandards';
import { fenToWanText, wanToFen } from '../../../../../shared/enums/renewalProjects';
import { useT } from '../../../../i18n/I18nProvider';
import { useDictionary } from '../../../platform/dictionaries/useDictionary';
import { DateItem } from '../funding/parts';
import type { BrandView, CertificationView, ClaimView, RdReportView, StandardView } from './api';

/** One model's face on the web: its name column, its own columns, its detail rows and form fields. */

/** What an amount field holds as the text wanToFen reads (the input gives a string; a number when set programmatically). */
const amountText = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
export interface ModelFace {
  name: (v: ClaimView) => ReactNode;
  /** Extra columns after the name: [key, title, render]. */
  columns: [string, string, (v: ClaimView) => ReactNode][];
  /** The model's own filter: a query key and its options. */
  filter: { key: string; label: string; options: { value: string; label: string }[] };
  details: (v: ClaimView) => [string, ReactNode][];
  fields: ReactNode;
  /** Form values from a record (editing) and the API body from form values. */
  toForm: (v: ClaimView) => Record<string, unknown>;
  toBody: (values: Record<string, unknown>) => Record<string, unknown>;
}

const wanInput = (testId: string, unit: string) => <Input inputMode="decimal" suffix={unit} data-testid={testId} />;

/** The faces of the four models, in the current language. */
export function useModelFaces(): Record<ClaimModel, ModelFace> {
  const t = useT();
  const kinds = useDictionary(CERTIFICATION_KIND_DICTIONARY);
  const industries = useDictionary('industry');
  const req = [{ required: true }];
  const wanRule = {
    validator: (_: unknown, v?: string) => (v && wanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('renewal.std.wanRule')))),
  };
  const opts = <S extends string>(values: readonly S[], label: (s: S) => string) => values.map((value) => ({ value, label: label(value) }));
  const levels = opts(STANDARD_LEVELS, (s) => t(`renewal.std.level.${s}`));
  const certLevels = opts(CERTIFICATION_LEVELS, (s) => t(`renewal.std.certLevel.${s}`));
  const brandKinds = opts(BRAND_KINDS, (s) => t(`renewal.std.brandKind.${s}`));
  const s = (v: ClaimView) => v as StandardView;
  const c = (v: ClaimView) => v as CertificationView;
  const b = (v: ClaimView) => v as BrandView;
  const r = (v: ClaimView) => v as RdReportView;
  return {
    standard: {
      name: (v) => s(v).title,
      columns: [
        ['number', t('renewal.std.field.number'), (v) => s(v).number],
        ['level', t('renewal.std.field.level'), (v) => t(`renewal.std.level.${s(v).level}`)],
        ['role', t('renewal.std.field.role'), (v) => t(`renewal.std.role.${s(v).role}`)],
        ['stage', t('renewal.std.field.stage'), (v) => t(`renewal.std.stage.${s(v).stage}`)],
        ['date', t('renewal.std.field.publishedOn'), (v) => s(v).publishedOn ?? '—'],
      ],
      filter: { key: 'level', label: t('renewal.std.field.level'), options: levels },
      details: (v) => [
        [t('renewal.std.field.number'), s(v).number],
        [t('renewal.std.field.level'), t(`renewal.std.level.${s(v).level}`)],
        [t('renewal.std.field.role'), t(`renewal.std.role.${s(v).role}`)],
        [t('renewal.std.field.stage'), t(`renewal.std.stage.${s(v).stage}`)],
        [t('renewal.std.field.approvedOn'), s(v).approvedOn ?? '—'],
        [t('renewal.std.field.publishedOn'), s(v).publishedOn ?? '—'],
        [t('renewal.std.field.implementedOn'), s(v).implementedOn ?? '—'],
        [t('renewal.std.field.body'), s(v).body],
      ],
      fields: (
        <>
          <Form.Item name="title" label={t('renewal.std.field.title')} rules={req}>
            <Input maxLength={200} data-testid="std-title" />
          </Form.Item>
          <Form.Item name="level" label={t('renewal.std.field.level')} rules={req}>
            <Select options={levels} data-testid="std-level" />
          </Form.Item>
          <Form.Item name="number" label={t('renewal.std.field.number')} rules={req} extra={t('renewal.std.field.numberHelp')}>
            <Input maxLength={60} data-testid="std-number" />
          </Form.Item>
          <Form.Item name="role" label={t('renewal.std.field.role')} rules={req}>
            <Select options={opts(STANDARD_ROLES, (x) => t(`renewal.std.role.${x}`))} data-testid="std-role" />
          </Form.Item>
          <Form.Item name="stage" label={t('renewal.std.field.stage')} rules={req}>
            <Select options={opts(STANDARD_STAGES, (x) => t(`renewal.std.stage.${x}`))} data-testid="std-stage" />
          </Form.Item>
          <DateItem name="approvedOn" label={t('renewal.std.field.approvedOn')} testId="std-approved-on" />
          <DateItem name="publishedOn" label={t('renewal.std.field.publishedOn')} testId="std-published-on" />
          <DateItem name="implementedOn" label={t('renewal.std.field.implementedOn')} testId="std-implemented-on" />
          <Form.Item name="body" label={t('renewal.std.field.body')} rules={req}>
            <Input maxLength={200} data-testid="std-body" />
          </Form.Item>
        </>
      ),
      toForm: (v) => ({ ...s(v) }),
      toBody: (x) => ({
        title: x.title,
        number: x.number,
        level: x.level,
        role: x.role,
        stage: x.stage,
        approvedOn: x.approvedOn ?? null,
        publishedOn: x.publishedOn ?? null,
        implementedOn: x.implementedOn ?? null,
        body: x.body,
      }),
    },
    certification: {
      name: (v) => c(v).title,
      columns: [
        ['kind', t('renewal.std.field.kind'), (v) => kinds.labelOf(c(v).kind)],
        ['number', t('renewal.std.field.certificateNumber'), (v) => c(v).certificateNumber],
        ['level', t('renewal.std.field.certLevel'), (v) => t(`renewal.std.certLevel.${c(v).level}`)],
        ['date', t('renewal.std.field.issuedOn'), (v) => c(v).issuedOn],
        [
          'validUntil',
          t('renewal.std.field.validUntil'),
          (v) => (
            <>
              {c(v).validUntil ?? '—'} {c(v).expired ? <Tag color="default">{t('renewal.std.expired')}</Tag> : null}
            </>
          ),
        ],
      ],
      filter: { key: 'kind', label: t('renewal.std.field.kind'), options: kinds.options },
      details: (v) => [
        [t('renewal.std.field.kind'), kinds.labelOf(c(v).kind)],
        [t('renewal.std.field.issuer'), c(v).issuer],
        [t('renewal.std.field.certificateNumber'), c(v).certificateNumber],
        [t('renewal.std.field.certLevel'), t(`renewal.std.certLevel.${c(v).level}`)],
        [t('renewal.std.field.issuedOn'), c(v).issuedOn],
        [t('renewal.std.field.validUntil'), `${c(v).validUntil ?? '—'}${c(v).expired ? `（${t('renewal.std.expired')}）` : ''}`],
      ],
      fields: (
        <>
          <Form.Item name="kind" label={t('renewal.std.field.kind')} rules={req}>
            <Select options={kinds.options} data-testid="cert-kind" />
          </Form.Item>
          <Form.Item name="title" label={t('renewal.std.field.certTitle')} rules={req}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="issuer" label={t('renewal.std.field.issuer')} rules={req}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="certificateNumber" label={t('renewal.std.field.certificateNumber')} rules={req}>
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item name="level" label={t('renewal.std.field.certLevel')} rules={req}>
            <Select options={certLevels} />
          </Form.Item>
          <DateItem name="issuedOn" label={t('renewal.std.field.issuedOn')} required />
          <DateItem name="validUntil" label={t('renewal.std.field.validUntil')} />
        </>
      ),
      toForm: (v) => ({ ...c(v) }),
      toBody: (x) => ({
        kind: x.kind,
        title: x.title,
        issuer: x.issuer,
        certificateNumber: x.certificateNumber,
        level: x.level,
        issuedOn: x.issuedOn,
        validUntil: x.validUntil ?? null,
      }),
    },
    brand: {
      name: (v) => b(v).name,
      columns: [
        ['kind', t('renewal.std.field.kind'), (v) => t(`renewal.std.brandKind.${b(v).kind}`)],
        ['category', t('renewal.std.field.category'), (v) => b(v).category],
        ['date', t('renewal.std.field.recognizedOn'), (v) => b(v).recognizedOn],
      ],
      filter: { key: 'kind', label: t('renewal.std.field.kind'), options: brandKinds },
      details: (v) => [
        [t('renewal.std.field.kind'), t(`renewal.std.brandKind.${b(v).kind}`)],
        [t('renewal.std.field.category'), b(v).category],
        [t('renewal.std.field.recognizedOn'), b(v).recognizedOn],
        [t('renewal.std.field.recognizer'), b(v).recognizer],
      ],
      fields: (
        <>
          <Form.Item name="kind" label={t('renewal.std.field.kind')} rules={req}>
            <Select options={brandKinds} />
          </Form.Item>
          <Form.Item name="name" label={t('renewal.std.field.brandName')} rules={req}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="category" label={t('renewal.std.field.category')} rules={req}>
            <Input maxLength={100} />
          </Form.Item>
          <DateItem name="recognizedOn" label={t('renewal.std.field.recognizedOn')} required />
          <Form.Item name="recognizer" label={t('renewal.std.field.recognizer')} rules={req}>
            <Input maxLength={200} />
          </Form.Item>
        </>
      ),
      toForm: (v) => ({ ...b(v) }),
      toBody: (x) => ({ kind: x.kind, name: x.name, category: x.category, recognizedOn: x.recognizedOn, recognizer: x.recognizer }),
    },
    rd: {
      name: (v) => String(r(v).year),
      columns: [
        ['industry', t('renewal.std.field.industry'), (v) => industries.labelOf(r(v).industry)],
        ['rd', t('renewal.std.field.rdWan'), (v) => fenToWanText(r(v).rdFen)],
        ['intensity', t('renewal.std.field.intensity'), (v) => (r(v).intensityPercent === null ? '—' : `${r(v).intensityPercent}%`)],
        ['staff', t('renewal.std.field.rdStaff'), (v) => r(v).rdStaff],
      ],
      filter: { key: 'industry', label: t('renewal.std.field.industry'), options: industries.options },
      details: (v) => [
        [t('renewal.std.field.year'), r(v).year],
        [t('renewal.std.field.industry'), industries.labelOf(r(v).industry)],
        [t('renewal.std.field.rdWan'), fenToWanText(r(v).rdFen)],
        [t('renewal.std.field.revenueWan'), fenToWanText(r(v).revenueFen)],
        [t('renewal.std.field.intensity'), r(v).intensityPercent === null ? '—' : `${r(v).intensityPercent}%`],
        [t('renewal.std.field.rdStaff'), r(v).rdStaff],
      ],
      fields: (
        <>
          <Form.Item name="year" label={t('renewal.std.field.year')} rules={req}>
            <InputNumber min={2015} max={2100} precision={0} style={{ width: '100%' }} data-testid="rd-year" />
          </Form.Item>
          <Form.Item name="industry" label={t('renewal.std.field.industry')} rules={req}>
            <Select options={industries.options} data-testid="rd-industry" />
          </Form.Item>
          <Form.Item name="rd" label={t('renewal.std.field.rdWan')} rules={[wanRule]}>
            {wanInput('rd-amount', t('renewal.std.unitWan'))}
          </Form.Item>
          <Form.Item name="revenue" label={t('renewal.std.field.revenueWan')} rules={[wanRule]}>
            {wanInput('rd-revenue', t('renewal.std.unitWan'))}
          </Form.Item>
          <Form.Item name="rdStaff" label={t('renewal.std.field.rdStaff')} rules={req}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </>
      ),
      toForm: (v) => ({ ...r(v), rd: fenToWanText(r(v).rdFen), revenue: fenToWanText(r(v).revenueFen) }),
      toBody: (x) => ({
        year: x.year,
        industry: x.industry,
        rdFen: wanToFen(amountText(x.rd)) ?? 0,
        revenueFen: wanToFen(amountText(x.revenue)) ?? 0,
        rdStaff: x.rdStaff,
      }),
    },
  };
}
