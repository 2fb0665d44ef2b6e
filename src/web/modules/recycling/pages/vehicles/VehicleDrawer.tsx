import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Drawer, Form, Input, Row, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { DateField } from '../../../../components/DateField';
import { useFormSubmit } from '../../../../components/formErrors';
import { LoadError } from '../../../../components/ResultPages';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { translate, type SharedMessageKey } from '../../../../../shared/i18n/messages';
import { ASSEMBLY_DESTINATIONS, VEHICLE_ASSEMBLIES, VEHICLE_EMISSION_STANDARDS, VEHICLE_FUEL_TYPES } from '../../../../../shared/enums/recyclingVehicles';
import { useVehicle, vehicleKeys, type CorrectVehicleInput, type VehicleDetailView, type VehicleView } from './api';
import { useCode, VehicleStatusTag, VehicleSteps, VehicleTimeline } from './parts';
import { DemoTag } from '../../../../components/DemoTag';

type Step = VehicleView['actions'][number];
type Values = Record<string, string | undefined>;

const PATHS: Record<Step, string> = {
  issueCertificate: 'certificate',
  dismantle: 'dismantle',
  deregister: 'deregister',
  correct: '',
  withdraw: 'withdraw',
};

/** The API's paths for the assemblies by index, as this form names their fields (one row per assembly). */
const ASSEMBLY_ALIASES = Object.fromEntries(
  VEHICLE_ASSEMBLIES.flatMap((a, i) => [
    [`assemblies.${i}.on`, `on_${a}`],
    [`assemblies.${i}.recipient`, `recipient_${a}`],
    [`assemblies.${i}.destination`, `destination_${a}`],
  ]),
);

function bodyOf(step: Step, v: VehicleDetailView, f: Values): unknown {
  switch (step) {
    case 'issueCertificate':
      return { number: f.number, issuedOn: f.issuedOn };
    case 'dismantle':
      return {
        dismantledOn: f.dismantledOn,
        assemblies: VEHICLE_ASSEMBLIES.map((a) => ({
          assembly: a,
          destination: f[`destination_${a}`],
          ...(f[`destination_${a}`] === 'remanufacture' && f[`recipient_${a}`]?.trim() ? { recipient: f[`recipient_${a}`]!.trim() } : {}),
          on: f[`on_${a}`] ?? f.dismantledOn,
        })),
      };
    case 'deregister':
      return { deregisteredOn: f.deregisteredOn };
    case 'withdraw':
      return { reason: f.reason };
    case 'correct': {
      const body: Record<string, unknown> = { version: v.version, reason: f.reason };
      for (const k of ['vin', 'plate', 'emissionStandard', 'fuelType', 'registeredOn', 'receivedOn', 'certificateNumber', 'dismantledOn'] as const)
        if (f[k]?.trim()) body[k] = f[k]!.trim();
      if (f.ownerName?.trim() && f.idNumber?.trim()) body.owner = { kind: 'person', name: f.ownerName.trim(), idNumber: f.idNumber.trim() };
      return body as CorrectVehicleInput;
    }
  }
}

/** One step's form: what the step records, and its submit. */
function StepForm({ step, v, onDone }: { step: Step; v: VehicleDetailView; onDone: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const code = useCode();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const destinations = Form.useWatch([], form) as Values | undefined;
  const { saving, error, submit } = useFormSubmit<Values>(
    form,
    async (f) => {
      const body = bodyOf(step, v, f);
      if (step === 'correct') await api.put(`/api/recycling/vehicles/${v.id}`, body);
      else await api.post(`/api/recycling/vehicles/${v.id}/${PATHS[step]}`, body);
      void message.success(t('recycling.veh.done'));
      await qc.invalidateQueries({ queryKey: vehicleKeys.all });
      onDone();
    },
    { ...ASSEMBLY_ALIASES, 'owner.name': 'ownerName', 'owner.idNumber': 'idNumber' },
  );
  const initial: Values = Object.fromEntries(VEHICLE_ASSEMBLIES.map((a) => [`destination_${a}`, 'scrap_destroyed']));
  return (
    <Card size="small" title={t(`recycling.veh.do.${step}`)} style={{ marginTop: 12 }} data-testid={`vehicle-form-${step}`}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} data-testid="vehicle-step-error" />}
      <Form<Values> form={form} layout="vertical" initialValues={step === 'dismantle' ? initial : {}} onFinish={(f) => void submit(f)}>
        {step === 'issueCertificate' && (
          <Row gutter={12}>
            <Col xs={24} sm={14}>
              <Form.Item name="number" label={t('recycling.veh.field.certificate')} rules={[{ required: true, message: t('recycling.veh.field.certificate') }]}>
                <Input maxLength={40} data-testid="vehicle-step-number" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={10}>
              <DateField name="issuedOn" label={t('recycling.veh.field.certificateOn')} testId="vehicle-step-date" />
            </Col>
          </Row>
        )}
        {step === 'dismantle' && (
          <>
            <DateField name="dismantledOn" label={t('recycling.veh.field.dismantledOn')} testId="vehicle-step-date" />
            <Typography.Text strong>{t('recycling.veh.assemblies')}</Typography.Text>
            {VEHICLE_ASSEMBLIES.map((a) => (
              <Row gutter={8} key={a} align="bottom">
                <Col xs={24} sm={4}>
                  <div style={{ paddingBottom: 28 }}>{code('assembly', a)}</div>
                </Col>
                <Col xs={12} sm={7}>
                  <Form.Item name={`destination_${a}`} label={t('recycling.veh.field.destination')}>
                    <Select
                      options={ASSEMBLY_DESTINATIONS.map((d) => ({ value: d, label: code('destination', d) }))}
                      data-testid={`vehicle-destination-${a}`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={6}>
                  <Form.Item name={`recipient_${a}`} label={t('recycling.veh.field.recipient')}>
                    <Input maxLength={100} disabled={destinations?.[`destination_${a}`] !== 'remanufacture'} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={7}>
                  <DateField name={`on_${a}`} label={t('recycling.veh.field.on')} />
                </Col>
              </Row>
            ))}
          </>
        )}
        {step === 'deregister' && <DateField name="deregisteredOn" label={t('recycling.veh.field.deregisteredOn')} testId="vehicle-step-date" />}
        {step === 'correct' && (
          <>
            <Typography.Paragraph type="secondary">{t('recycling.veh.correctHint')}</Typography.Paragraph>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="vin" label={t('recycling.veh.field.vin')}>
                  <Input maxLength={17} placeholder={v.vin} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="plate" label={t('recycling.veh.field.plate')}>
                  <Input maxLength={10} placeholder={v.plate} data-testid="vehicle-correct-plate" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="ownerName" label={t('recycling.veh.field.ownerName')}>
                  <Input maxLength={100} placeholder={v.owner.name} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="idNumber" label={t('recycling.veh.field.idNumber')}>
                  <Input maxLength={18} autoComplete="off" placeholder={v.owner.idNumberMask ?? ''} />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item name="emissionStandard" label={t('recycling.veh.field.emission')}>
                  <Select
                    allowClear
                    options={VEHICLE_EMISSION_STANDARDS.map((e) => ({ value: e, label: translate(locale, `cartradein.emission.${e}` as SharedMessageKey) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item name="fuelType" label={t('recycling.veh.field.fuel')}>
                  <Select allowClear options={VEHICLE_FUEL_TYPES.map((f) => ({ value: f, label: code('fuel', f) }))} />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <DateField name="registeredOn" label={t('recycling.veh.field.registeredOn')} />
              </Col>
              <Col xs={12}>
                <DateField name="receivedOn" label={t('recycling.veh.field.receivedOn')} />
              </Col>
              {v.certificateNumber && (
                <Col xs={24} sm={12}>
                  <Form.Item name="certificateNumber" label={t('recycling.veh.field.certificate')}>
                    <Input maxLength={40} placeholder={v.certificateNumber} />
                  </Form.Item>
                </Col>
              )}
              {v.dismantledOn && (
                <Col xs={24} sm={12}>
                  <DateField name="dismantledOn" label={t('recycling.veh.field.dismantledOn')} />
                </Col>
              )}
            </Row>
          </>
        )}
        {(step === 'correct' || step === 'withdraw') && (
          <Form.Item name="reason" label={t('recycling.veh.field.reason')} rules={[{ required: true, min: 2, message: t('recycling.veh.field.reason') }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="vehicle-step-reason" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={saving} danger={step === 'withdraw'} data-testid="vehicle-step-submit">
          {t('common.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** One vehicle: its steps, details, the five assemblies, what the reader may do now, and its timeline. */
export function VehicleDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const code = useCode();
  const isPhone = useIsPhone();
  const q = useVehicle(id);
  const [step, setStep] = useState<Step | null>(null);
  const v = q.data;
  const close = () => {
    setStep(null);
    onClose();
  };
  return (
    <Drawer open={id !== null} onClose={close} size={isPhone ? '100%' : 760} title={v ? t('recycling.veh.detail', { plate: v.plate }) : ''} destroyOnHidden>
      {q.isPending && id !== null && <Skeleton active />}
      {q.isError && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      {v && (
        <div data-testid="vehicle-detail">
          <Space wrap style={{ marginBottom: 12 }}>
            <VehicleStatusTag status={v.status} />
            <DemoTag show={v.isDemo} />
          </Space>
          <VehicleSteps v={v} />
          <Descriptions column={{ xs: 1, sm: 2 }} size="small" style={{ marginTop: 16 }}>
            <Descriptions.Item label={t('recycling.veh.field.vin')}>{v.vin}</Descriptions.Item>
            <Descriptions.Item label={t('recycling.veh.field.plate')}>{v.plate}</Descriptions.Item>
            <Descriptions.Item label={t('recycling.veh.field.owner')}>
              {v.owner.name} · {v.owner.idNumberMask ?? v.owner.creditCode}
            </Descriptions.Item>
            <Descriptions.Item label={t('recycling.veh.field.dismantler')}>{v.dismantlerName}</Descriptions.Item>
            <Descriptions.Item label={t('recycling.veh.field.emission')}>
              {translate(locale, `cartradein.emission.${v.emissionStandard}` as SharedMessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('recycling.veh.field.fuel')}>{code('fuel', v.fuelType)}</Descriptions.Item>
            <Descriptions.Item label={t('recycling.veh.field.registeredOn')}>{v.registeredOn}</Descriptions.Item>
            <Descriptions.Item label={t('recycling.veh.field.certificate')}>
              {v.certificateNumber ? (
                <Typography.Text copyable code data-testid="vehicle-certificate">
                  {v.certificateNumber}
                </Typography.Text>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            {v.withdrawnReason && <Descriptions.Item label={t('recycling.veh.field.reason')}>{v.withdrawnReason}</Descriptions.Item>}
          </Descriptions>
          {v.assemblies.length > 0 && (
            <Table
              size="small"
              rowKey="assembly"
              pagination={false}
              scroll={{ x: 'max-content' }}
              title={() => t('recycling.veh.assemblies')}
              dataSource={v.assemblies}
              data-testid="vehicle-assemblies"
              columns={[
                { key: 'a', title: t('recycling.veh.field.assembly'), render: (_, a) => code('assembly', a.assembly) },
                { key: 'd', title: t('recycling.veh.field.destination'), render: (_, a) => code('destination', a.destination) },
                { key: 'r', title: t('recycling.veh.field.recipient'), render: (_, a) => a.recipient ?? '—' },
                { key: 'o', title: t('recycling.veh.field.on'), dataIndex: 'on' },
              ]}
            />
          )}
          {v.actions.length > 0 && (
            <Space wrap style={{ marginTop: 12 }}>
              {v.actions.map((a) => (
                <Button
                  key={a}
                  type={a === 'correct' || a === 'withdraw' ? 'default' : 'primary'}
                  danger={a === 'withdraw'}
                  onClick={() => setStep(step === a ? null : a)}
                  data-testid={`vehicle-do-${a}`}
                >
                  {t(`recycling.veh.do.${a}`)}
                </Button>
              ))}
            </Space>
          )}
          {step && v.actions.includes(step) && <StepForm key={`${step}-${v.version}-${v.status}`} step={step} v={v} onDone={() => setStep(null)} />}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('recycling.veh.timeline')}
          </Typography.Title>
          <VehicleTimeline v={v} />
        </div>
      )}
    </Drawer>
  );
}
