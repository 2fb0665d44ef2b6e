import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Skeleton, Space, Typography, message } from 'antd';
import type { FormRule } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, ApiError, newIdempotencyKey } from '../../../api/client';
import type { Attachment } from '../../../api/types';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { applyApiError, errorMessage } from '../../../components/formErrors';
import { requiredRule } from '../../../components/rules';
import { validateBankAccount, validateInvoiceNumber, validateVin, type ValidationResult } from '../../../../shared/validators';
import type { Locale } from '../../../../shared/roles';
import { EMISSION_STANDARDS } from '../../../../shared/enums/cartradein';
import { fenToYuan, yuanToFen } from '../../../../shared/money';
import { carKeys, useCarPrograms, type CarApplicationView, type CarProgramView, type PrecheckResult } from '../api';
import { ReasonList, shared } from '../components';
import { TownField } from './applicationForm/TownField';

type Energy = 'fuel' | 'nev';
interface Values {
  programId?: number;
  townId?: number;
  oldVehicle: { vin?: string; plate?: string; registeredOn?: string; ownedSince?: string; energyType?: Energy; emissionStandard?: string };
  scrapping?: { certificateNumber?: string; deregisteredOn?: string };
  transfer?: { recordNumber?: string; transferredOn?: string };
  newVehicle: { vin?: string; invoiceNumber?: string; invoiceDate?: string; priceYuan?: string; energyType?: Energy; displacementMl?: string };
  bank?: { bankName?: string; accountName?: string; account?: string };
}
interface Uploaded {
  attachmentId: number;
  filename: string;
}

/** A form rule built on a shared validator, in the server's own words (field.<kind>.<reason>). */
function validatorRule(kind: 'vin' | 'invoiceNumber' | 'bankAccount', locale: Locale): FormRule {
  const fn: Record<typeof kind, (v: string) => ValidationResult> = { vin: validateVin, invoiceNumber: validateInvoiceNumber, bankAccount: validateBankAccount };
  return {
    validator: async (_r, value: string | undefined) => {
      const result = fn[kind](value ?? '');
      if (!result.ok) throw new Error(shared(locale, `field.${kind}.${result.reason}`));
    },
  };
}

/** True when the only failed rules are papers not uploaded yet: the car itself qualifies. */
function carOnly(check: PrecheckResult): boolean {
  return !check.eligible && check.reasons.length > 0 && check.reasons.every((r) => r.code === 'evidenceMissing');
}

/** The amount of the band the new car falls in (the server's bandFor), for the pre-check before papers are uploaded. */
function bandAmount(program: CarProgramView | undefined, v: Values): number {
  const price = yuanToFen(v.newVehicle?.priceYuan) ?? 0;
  const band = program?.rule.amounts.find(
    (b) => b.energyType === v.newVehicle?.energyType && price >= b.minPriceFen && (b.maxPriceFen === null || price < b.maxPriceFen),
  );
  return band?.amountFen ?? 0;
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The application, as the API takes it; `withBank` false for the pre-check. */
function toBody(v: Values, program: CarProgramView, evidence: Record<string, Uploaded>, withBank: boolean) {
  const fuelOld = v.oldVehicle.energyType === 'fuel';
  const fuelNew = v.newVehicle.energyType === 'fuel';
  return {
    ...(v.townId ? { townId: v.townId } : {}),
    oldVehicle: {
      vin: (v.oldVehicle.vin ?? '').trim().toUpperCase(),
      plate: v.oldVehicle.plate ?? '',
      registeredOn: v.oldVehicle.registeredOn ?? '',
      ownedSince: v.oldVehicle.ownedSince ?? '',
      energyType: v.oldVehicle.energyType ?? 'fuel',
      emissionStandard: fuelOld ? (v.oldVehicle.emissionStandard ?? null) : null,
    },
    ...(program.kind === 'scrapping'
      ? { scrapping: { certificateNumber: v.scrapping?.certificateNumber ?? '', deregisteredOn: v.scrapping?.deregisteredOn ?? '' } }
      : { transfer: { recordNumber: v.transfer?.recordNumber ?? '', transferredOn: v.transfer?.transferredOn ?? '' } }),
    newVehicle: {
      vin: (v.newVehicle.vin ?? '').trim().toUpperCase(),
      invoiceNumber: (v.newVehicle.invoiceNumber ?? '').replace(/\s/g, ''),
      invoiceDate: v.newVehicle.invoiceDate ?? '',
      priceFen: yuanToFen(v.newVehicle.priceYuan) ?? 0,
      energyType: v.newVehicle.energyType ?? 'nev',
      displacementMl: fuelNew ? Number(v.newVehicle.displacementMl) || null : null,
    },
    ...(withBank
      ? { bank: { bankName: v.bank?.bankName ?? '', accountName: v.bank?.accountName ?? '', account: (v.bank?.account ?? '').replace(/\s/g, '') } }
      : {}),
    evidence: Object.entries(evidence).map(([kind, u]) => ({ attachmentId: u.attachmentId, kind })),
  };
}

/**
 * The resident's application form (phone first): the programme, the old car and its scrapping or sale, the new
 * car, the bank account and the evidence, each field checked as it is typed with the server's validators (VIN
 * check digit, invoice number, bank account); the price is typed in 元 and sent as exact fen. "Check whether I
 * qualify" asks the server's pre-check (nothing written) and lists every failed rule. With `existing`, the form
 * corrects a returned application and resubmits it (PUT).
 */
export function ApplicationForm({ existing, initialProgramId }: { existing?: CarApplicationView; initialProgramId?: number }) {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const programs = useCarPrograms();
  const [form] = Form.useForm<Values>();
  const [evidence, setEvidence] = useState<Record<string, Uploaded>>(() =>
    Object.fromEntries((existing?.evidence ?? []).map((e) => [e.kind, { attachmentId: e.attachmentId, filename: e.filename }])),
  );
  const [uploading, setUploading] = useState<string | null>(null);
  const [check, setCheck] = useState<PrecheckResult | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const idem = useRef(newIdempotencyKey());
  const programId = Form.useWatch('programId', form) ?? existing?.programId ?? initialProgramId;
  const oldEnergy = Form.useWatch(['oldVehicle', 'energyType'], form);
  const newEnergy = Form.useWatch(['newVehicle', 'energyType'], form);

  const open = useMemo(() => (programs.data ?? []).filter((p) => p.status === 'active' || p.id === existing?.programId), [programs.data, existing]);
  const program = open.find((p) => p.id === programId) ?? (open.length === 1 ? open[0] : undefined);

  const initialValues: Values = useMemo(() => {
    if (!existing)
      return {
        programId: initialProgramId ?? (open.length === 1 ? open[0]?.id : undefined),
        oldVehicle: { energyType: 'fuel' },
        newVehicle: { energyType: 'nev' },
      };
    return {
      programId: existing.programId,
      townId: existing.townId ?? undefined,
      oldVehicle: { ...existing.oldVehicle, emissionStandard: existing.oldVehicle.emissionStandard ?? undefined },
      scrapping: existing.scrapping ?? undefined,
      transfer: existing.transfer ?? undefined,
      newVehicle: {
        ...existing.newVehicle,
        priceYuan: fenToYuan(existing.newVehicle.priceFen).replace(/,/g, ''),
        displacementMl: existing.newVehicle.displacementMl ? String(existing.newVehicle.displacementMl) : undefined,
      },
      bank: { bankName: existing.bank.bankName, accountName: existing.bank.accountName, account: '' },
    };
  }, [existing, initialProgramId, open]);

  const precheck = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields([
        'programId',
        ['oldVehicle', 'vin'],
        ['oldVehicle', 'plate'],
        ['oldVehicle', 'registeredOn'],
        ['oldVehicle', 'ownedSince'],
        ['newVehicle', 'vin'],
        ['newVehicle', 'invoiceNumber'],
        ['newVehicle', 'invoiceDate'],
        ['newVehicle', 'priceYuan'],
      ]);
      void v;
      const all = form.getFieldsValue(true) as Values;
      return api.post<PrecheckResult>('/api/tradein/car-applications/precheck', { programId: program!.id, ...toBody(all, program!, evidence, false) });
    },
    onSuccess: (r) => {
      setCheck(r);
      setFormError(null);
    },
    onError: (e) => {
      if (e instanceof ApiError) setFormError(applyApiError(form, e, { 'newVehicle.priceFen': 'newVehicle.priceYuan' }));
    },
  });

  const submit = useMutation({
    mutationFn: async (v: Values) => {
      const body = toBody(v, program!, evidence, true);
      if (existing) return api.put<CarApplicationView>(`/api/tradein/car-applications/${existing.id}`, body);
      return api.post<CarApplicationView>('/api/tradein/car-applications', { programId: program!.id, ...body }, { idempotencyKey: idem.current });
    },
    onSuccess: (app) => {
      void message.success(t('car.form.submitted'));
      void qc.invalidateQueries({ queryKey: ['cartradein'] });
      qc.setQueryData(carKeys.application(app.id), app);
      idem.current = newIdempotencyKey();
      void navigate(`/car/applications/${app.id}`);
    },
    onError: (e) => setFormError(applyApiError(form, e, { 'newVehicle.priceFen': 'newVehicle.priceYuan' })),
  });

  async function upload(kind: string, file: File | undefined) {
    if (!file) return;
    setUploading(kind);
    try {
      const a = await api.upload<Attachment>('/api/attachments', file);
      setEvidence((e) => ({ ...e, [kind]: { attachmentId: a.id, filename: a.filename } }));
    } catch (e) {
      void message.error(t('car.form.uploadFailed', { message: errorMessage(e) }));
    } finally {
      setUploading(null);
    }
  }

  if (programs.isPending) return <Skeleton active />;
  if (programs.isError) return <LoadError error={programs.error} onRetry={() => void programs.refetch()} />;

  const req = requiredRule(t);
  const dateInput = (testId: string) => <Input type="date" max={today()} data-testid={testId} />;
  const priceRule: FormRule = {
    validator: async (_r, v: string | undefined) => {
      if (yuanToFen(v) === null || yuanToFen(v) === 0) throw new Error(t('car.form.priceInvalid'));
    },
  };

  return (
    <div data-testid={existing ? 'page-car-resubmit' : 'page-car-apply'} className="hx-car-form">
      <PageHeader title={existing ? t('car.form.resubmitTitle', { id: existing.id }) : t('car.form.title')} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => submit.mutate({ ...(form.getFieldsValue(true) as Values), ...v })}
        onFinishFailed={() => setFormError(t('car.form.fixErrors'))}
        onValuesChange={() => setCheck(null)}
        scrollToFirstError
        data-testid="car-form"
      >
        {formError ? <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} data-testid="car-form-error" /> : null}
        <Card size="small" title={t('car.form.program')}>
          <Form.Item name="programId" rules={[{ required: true, message: t('common.required') }]}>
            <Select
              data-testid="car-program"
              aria-label={t('car.form.program')}
              disabled={!!existing}
              options={open.map((p) => ({ value: p.id, label: `${p.name} · ${t(`car.kind.${p.kind}`)}` }))}
            />
          </Form.Item>
          <TownField />
        </Card>

        <Card size="small" title={t('car.form.oldVehicle')}>
          <div className="hx-car-grid">
            <Form.Item name={['oldVehicle', 'vin']} required label={t('car.form.vin')} rules={[validatorRule('vin', locale)]} validateFirst>
              <Input maxLength={17} autoCapitalize="characters" data-testid="car-old-vin" />
            </Form.Item>
            <Form.Item name={['oldVehicle', 'plate']} label={t('car.form.plate')} rules={[req]}>
              <Input maxLength={10} placeholder="闽C12345" data-testid="car-old-plate" />
            </Form.Item>
            <Form.Item name={['oldVehicle', 'registeredOn']} label={t('car.form.registeredOn')} rules={[req]}>
              {dateInput('car-old-registeredOn')}
            </Form.Item>
            <Form.Item name={['oldVehicle', 'ownedSince']} label={t('car.form.ownedSince')} rules={[req]}>
              {dateInput('car-old-ownedSince')}
            </Form.Item>
            <Form.Item name={['oldVehicle', 'energyType']} label={t('car.form.energyType')} rules={[req]}>
              <Select data-testid="car-old-energy" options={(['fuel', 'nev'] as const).map((e) => ({ value: e, label: t(`car.energy.${e}`) }))} />
            </Form.Item>
            {oldEnergy !== 'nev' ? (
              <Form.Item name={['oldVehicle', 'emissionStandard']} label={t('car.form.emission')} rules={[{ required: true, message: t('common.required') }]}>
                <Select
                  data-testid="car-old-emission"
                  options={EMISSION_STANDARDS.map((e) => ({ value: e, label: shared(locale, `cartradein.emission.${e}`) }))}
                />
              </Form.Item>
            ) : null}
          </div>
        </Card>

        {program?.kind === 'replacement' ? (
          <Card size="small" title={t('car.form.transfer')}>
            <div className="hx-car-grid">
              <Form.Item name={['transfer', 'recordNumber']} label={t('car.form.recordNumber')} rules={[req]}>
                <Input data-testid="car-transfer-record" />
              </Form.Item>
              <Form.Item name={['transfer', 'transferredOn']} label={t('car.form.transferredOn')} rules={[req]}>
                {dateInput('car-transfer-date')}
              </Form.Item>
            </div>
          </Card>
        ) : (
          <Card size="small" title={t('car.form.scrapping')}>
            <div className="hx-car-grid">
              <Form.Item name={['scrapping', 'certificateNumber']} label={t('car.form.certificateNumber')} rules={[req]}>
                <Input autoCapitalize="characters" data-testid="car-scrap-certificate" />
              </Form.Item>
              <Form.Item name={['scrapping', 'deregisteredOn']} label={t('car.form.deregisteredOn')} rules={[req]}>
                {dateInput('car-scrap-date')}
              </Form.Item>
            </div>
          </Card>
        )}

        <Card size="small" title={t('car.form.newVehicle')}>
          <div className="hx-car-grid">
            <Form.Item name={['newVehicle', 'vin']} required label={t('car.form.vin')} rules={[validatorRule('vin', locale)]} validateFirst>
              <Input maxLength={17} autoCapitalize="characters" data-testid="car-new-vin" />
            </Form.Item>
            <Form.Item name={['newVehicle', 'invoiceNumber']} required label={t('car.form.invoiceNumber')} rules={[validatorRule('invoiceNumber', locale)]}>
              <Input inputMode="numeric" maxLength={24} data-testid="car-new-invoice" />
            </Form.Item>
            <Form.Item name={['newVehicle', 'invoiceDate']} label={t('car.form.invoiceDate')} rules={[req]}>
              {dateInput('car-new-invoiceDate')}
            </Form.Item>
            <Form.Item name={['newVehicle', 'priceYuan']} required label={t('car.form.price')} rules={[priceRule]}>
              <Input inputMode="decimal" prefix="¥" data-testid="car-new-price" />
            </Form.Item>
            <Form.Item name={['newVehicle', 'energyType']} label={t('car.form.energyType')} rules={[req]}>
              <Select data-testid="car-new-energy" options={(['nev', 'fuel'] as const).map((e) => ({ value: e, label: t(`car.energy.${e}`) }))} />
            </Form.Item>
            {newEnergy === 'fuel' ? (
              <Form.Item
                name={['newVehicle', 'displacementMl']}
                label={t('car.form.displacement')}
                rules={[req, { pattern: /^\d{3,5}$/, message: t('car.form.displacement') }]}
              >
                <Input inputMode="numeric" data-testid="car-new-displacement" />
              </Form.Item>
            ) : null}
          </div>
        </Card>

        <Card size="small" data-testid="car-precheck-card">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('car.form.precheckHint')}
          </Typography.Paragraph>
          <Button onClick={() => precheck.mutate()} loading={precheck.isPending} disabled={!program} data-testid="car-precheck" block>
            {t('car.form.precheck')}
          </Button>
          {check ? (
            <div style={{ marginTop: 12 }} data-testid="car-precheck-result">
              {carOnly(check) ? (
                <Alert
                  type="success"
                  showIcon
                  message={t('car.form.eligible', { amount: fenToYuan(bandAmount(program, form.getFieldsValue(true) as Values)) })}
                  description={t('car.form.stillToUpload', {
                    list: check.reasons.map((r) => shared(locale, `cartradein.evidence.${String(r.params.evidence)}`)).join('、'),
                  })}
                  data-testid="car-precheck-eligible"
                />
              ) : check.eligible ? (
                <Alert type="success" showIcon message={t('car.form.eligible', { amount: fenToYuan(check.amountFen) })} data-testid="car-precheck-eligible" />
              ) : (
                <Alert
                  type="warning"
                  showIcon
                  message={t('car.form.notEligible')}
                  description={<ReasonList eligibility={check} testId="car-precheck-reasons" />}
                />
              )}
            </div>
          ) : null}
        </Card>

        <Card size="small" title={t('car.form.bank')}>
          <div className="hx-car-grid">
            <Form.Item name={['bank', 'bankName']} label={t('car.form.bankName')} rules={[req]}>
              <Input data-testid="car-bank-name" />
            </Form.Item>
            <Form.Item name={['bank', 'accountName']} label={t('car.form.accountName')} rules={[req]}>
              <Input data-testid="car-bank-holder" />
            </Form.Item>
            <Form.Item name={['bank', 'account']} required label={t('car.form.account')} rules={[validatorRule('bankAccount', locale)]}>
              <Input inputMode="numeric" autoComplete="off" data-testid="car-bank-account" />
            </Form.Item>
          </div>
        </Card>

        {program ? (
          <Card size="small" title={t('car.form.evidence')} data-testid="car-evidence">
            {program.rule.evidence.map((kind) => (
              <EvidenceRow
                key={kind}
                kind={kind}
                label={shared(locale, `cartradein.evidence.${kind}`)}
                uploaded={evidence[kind]}
                busy={uploading === kind}
                onFile={(f) => void upload(kind, f)}
              />
            ))}
          </Card>
        ) : null}

        <div className="hx-car-submit">
          <Button type="primary" htmlType="submit" block size="large" loading={submit.isPending} disabled={!program} data-testid="car-submit">
            {existing ? t('car.form.resubmit') : t('car.form.submit')}
          </Button>
        </div>
      </Form>
    </div>
  );
}

function EvidenceRow({
  kind,
  label,
  uploaded,
  busy,
  onFile,
}: {
  kind: string;
  label: string;
  uploaded?: Uploaded;
  busy: boolean;
  onFile: (f: File | undefined) => void;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="hx-car-evidence" data-testid={`car-evidence-row-${kind}`}>
      <Space direction="vertical" size={0}>
        <span>{label}</span>
        {uploaded ? (
          <Typography.Text type="success" data-testid={`car-evidence-done-${kind}`}>
            {t('car.form.uploaded', { name: uploaded.filename })}
          </Typography.Text>
        ) : null}
      </Space>
      <input
        ref={input}
        type="file"
        accept="application/pdf,image/png,image/jpeg"
        style={{ display: 'none' }}
        data-testid={`car-evidence-${kind}`}
        onChange={(e) => {
          onFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <Button size="small" loading={busy} onClick={() => input.current?.click()}>
        {t('car.form.upload')}
      </Button>
    </div>
  );
}
