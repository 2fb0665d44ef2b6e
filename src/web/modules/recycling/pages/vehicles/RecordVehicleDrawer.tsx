import { Alert, App, Button, Checkbox, Col, Drawer, Form, Input, Radio, Row, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { DateField } from '../../../../components/DateField';
import { useFormSubmit } from '../../../../components/formErrors';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { translate, type SharedMessageKey } from '../../../../../shared/i18n/messages';
import { VEHICLE_EMISSION_STANDARDS, VEHICLE_FUEL_TYPES } from '../../../../../shared/enums/recyclingVehicles';
import { vehicleKeys, type RecordVehicleInput, type VehicleDetailView } from './api';
import { useCode } from './parts';

interface Values {
  vin: string;
  plate: string;
  ownerKind: 'person' | 'organization';
  ownerName: string;
  idNumber?: string;
  creditCode?: string;
  emissionStandard: RecordVehicleInput['emissionStandard'];
  fuelType: RecordVehicleInput['fuelType'];
  registeredOn: string;
  receivedOn: string;
  withCertificate?: boolean;
  certificateNumber?: string;
  certificateIssuedOn?: string;
}

/** Where the API's field paths sit on this form. */
const ALIASES = {
  'owner.name': 'ownerName',
  'owner.idNumber': 'idNumber',
  'owner.creditCode': 'creditCode',
  'certificate.number': 'certificateNumber',
  'certificate.issuedOn': 'certificateIssuedOn',
};

/** A qualified dismantler records a vehicle it takes in; the certificate may be issued at once. */
export function RecordVehicleDrawer({ open, onClose, onRecorded }: { open: boolean; onClose: () => void; onRecorded: (v: VehicleDetailView) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const code = useCode();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const ownerKind = Form.useWatch('ownerKind', form);
  const withCertificate = Form.useWatch('withCertificate', form);
  const { saving, error, submit } = useFormSubmit<Values>(
    form,
    async (v) => {
      const body: RecordVehicleInput = {
        vin: v.vin,
        plate: v.plate,
        owner:
          v.ownerKind === 'person'
            ? { kind: 'person', name: v.ownerName, idNumber: v.idNumber ?? '' }
            : { kind: 'organization', name: v.ownerName, creditCode: v.creditCode ?? '' },
        emissionStandard: v.emissionStandard,
        fuelType: v.fuelType,
        registeredOn: v.registeredOn,
        receivedOn: v.receivedOn,
        ...(v.withCertificate ? { certificate: { number: v.certificateNumber ?? '', issuedOn: v.certificateIssuedOn ?? '' } } : {}),
      };
      const created = await api.post<VehicleDetailView>('/api/recycling/vehicles', body);
      void message.success(t('recycling.veh.recorded'));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: vehicleKeys.all });
      onRecorded(created);
    },
    ALIASES,
  );
  const required = (label: string) => [{ required: true, message: label }];
  return (
    <Drawer open={open} onClose={onClose} title={t('recycling.veh.record')} size={isPhone ? '100%' : 640} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="vehicle-form-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ ownerKind: 'person', fuelType: 'petrol' }}
        onFinish={(v) => void submit(v)}
        data-testid="vehicle-form"
      >
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="vin" label={t('recycling.veh.field.vin')} rules={required(t('recycling.veh.field.vin'))}>
              <Input maxLength={17} style={{ textTransform: 'uppercase' }} data-testid="vehicle-vin" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="plate" label={t('recycling.veh.field.plate')} rules={required(t('recycling.veh.field.plate'))}>
              <Input maxLength={10} placeholder="闽C12345" data-testid="vehicle-plate" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="ownerKind" label={t('recycling.veh.field.ownerKind')}>
          <Radio.Group
            options={[
              { value: 'person', label: t('recycling.veh.owner.person') },
              { value: 'organization', label: t('recycling.veh.owner.organization') },
            ]}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item name="ownerName" label={t('recycling.veh.field.ownerName')} rules={required(t('recycling.veh.field.ownerName'))}>
              <Input maxLength={100} data-testid="vehicle-owner-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            {ownerKind === 'organization' ? (
              <Form.Item name="creditCode" label={t('recycling.veh.field.creditCode')} rules={required(t('recycling.veh.field.creditCode'))}>
                <Input maxLength={18} data-testid="vehicle-credit-code" />
              </Form.Item>
            ) : (
              <Form.Item name="idNumber" label={t('recycling.veh.field.idNumber')} rules={required(t('recycling.veh.field.idNumber'))}>
                <Input maxLength={18} autoComplete="off" data-testid="vehicle-id-number" />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="emissionStandard" label={t('recycling.veh.field.emission')} rules={required(t('recycling.veh.field.emission'))}>
              <Select
                options={VEHICLE_EMISSION_STANDARDS.map((e) => ({ value: e, label: translate(locale, `cartradein.emission.${e}` as SharedMessageKey) }))}
                data-testid="vehicle-emission"
              />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="fuelType" label={t('recycling.veh.field.fuel')} rules={required(t('recycling.veh.field.fuel'))}>
              <Select options={VEHICLE_FUEL_TYPES.map((f) => ({ value: f, label: code('fuel', f) }))} data-testid="vehicle-fuel" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <DateField name="registeredOn" label={t('recycling.veh.field.registeredOn')} testId="vehicle-registered-on" />
          </Col>
          <Col xs={12}>
            <DateField name="receivedOn" label={t('recycling.veh.field.receivedOn')} testId="vehicle-received-on" />
          </Col>
        </Row>
        <Form.Item name="withCertificate" valuePropName="checked">
          <Checkbox data-testid="vehicle-with-certificate">{t('recycling.veh.certificateAtReceipt')}</Checkbox>
        </Form.Item>
        {withCertificate ? (
          <Row gutter={12}>
            <Col xs={24} sm={14}>
              <Form.Item name="certificateNumber" label={t('recycling.veh.field.certificate')} rules={required(t('recycling.veh.field.certificate'))}>
                <Input maxLength={40} data-testid="vehicle-certificate-number" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={10}>
              <DateField name="certificateIssuedOn" label={t('recycling.veh.field.certificateOn')} />
            </Col>
          </Row>
        ) : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="vehicle-submit">
            {t('common.submit')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
