import { Card, Col, Form, Input, Row, Select } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';
import { TOWN_ACCESS } from '../../../../../shared/ledgers/definition';
import { useKeeperOrganizations } from './api';
import type { FieldForm } from './formModel';
import { KEY_PATTERN, LabelInputs, useCodes, useOptionLabel } from './parts';

const PLAN_REF = /^[A-Z]\d+(-[A-Z]?\d+){0,2}(-[A-Z]?\d+)?$/;

/**
 * What the kind is: its code and keeper (chosen once, at creation), names, who else keeps it, what towns may do
 * with their part, which field names an asset and the plan's tasks it serves.
 */
export function BasicsSection({ isNew, keeperName }: { isNew: boolean; keeperName?: string }) {
  const t = useT();
  const code = useCodes();
  const form = Form.useFormInstance();
  const orgs = useKeeperOrganizations();
  const fields = ((Form.useWatch('fields', { form, preserve: true }) as FieldForm[] | undefined) ?? []).filter((f) => f?.key);
  const townAccess = Form.useWatch('townAccess', { form, preserve: true }) as string | undefined;
  const orgOptions = (orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }));
  const optionLabel = useOptionLabel();
  const fieldOption = (f: FieldForm) => ({ value: f.key!, label: optionLabel(f), disabled: f.retired });
  return (
    <Card title={t('ledgers.kinds.section.basics')} className="hx-block" id="kind-basics" data-testid="kind-basics">
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="code"
            label={t('ledgers.kinds.code')}
            tooltip={t('ledgers.kinds.codeHelp')}
            rules={
              isNew
                ? [
                    { required: true, message: t('common.required') },
                    { pattern: KEY_PATTERN, message: t('ledgers.kinds.keyRule') },
                  ]
                : []
            }
          >
            <Input maxLength={40} disabled={!isNew} placeholder="busFleet" data-testid="kind-code" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          {isNew ? (
            <Form.Item name="keeperOrganizationId" label={t('ledgers.kinds.keeper')} rules={[{ required: true, message: t('common.required') }]}>
              <Select<number> showSearch={{ optionFilterProp: 'label' }} options={orgOptions} loading={orgs.isPending} data-testid="kind-keeper" />
            </Form.Item>
          ) : (
            <Form.Item label={t('ledgers.kinds.keeper')}>
              <Input value={keeperName} disabled data-testid="kind-keeper" />
            </Form.Item>
          )}
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name={['name', 'zh']} label={t('ledgers.kinds.nameZh')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={60} data-testid="kind-name-zh" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={['name', 'en']} label={t('ledgers.kinds.nameEn')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={100} data-testid="kind-name-en" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('ledgers.kinds.description')} style={{ marginBottom: 0 }}>
        <LabelInputs name={['description']} testPrefix="kind-description" required={false} zhMax={500} enMax={500} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="coKeepers" label={t('ledgers.kinds.coKeepers')} extra={t('ledgers.kinds.coKeepersHelp')}>
            <Select<number[]> mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={orgOptions} maxCount={10} data-testid="kind-co-keepers" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="planRefs"
            label={t('ledgers.kinds.planRefs')}
            extra={t('ledgers.kinds.planRefsHelp')}
            rules={[
              {
                validator: (_, v?: string[]) => {
                  const bad = (v ?? []).filter((r) => !PLAN_REF.test(r));
                  return bad.length ? Promise.reject(new Error(t('ledgers.kinds.planRefRule', { refs: bad.join(', ') }))) : Promise.resolve();
                },
              },
            ]}
          >
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} maxCount={20} open={false} suffixIcon={null} data-testid="kind-plan-refs" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="townAccess" label={t('ledgers.kinds.townAccess')} extra={t('ledgers.kinds.townAccessHelp')}>
            <Select options={TOWN_ACCESS.map((a) => ({ value: a, label: code.access(a) }))} data-testid="kind-town-access" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={8}>
          <Form.Item
            name="townField"
            label={t('ledgers.kinds.townField')}
            extra={t('ledgers.kinds.townFieldHelp')}
            rules={townAccess && townAccess !== 'none' ? [{ required: true, message: t('ledgers.kinds.townFieldNeeded') }] : []}
          >
            <Select
              allowClear
              options={fields.filter((f) => f.type === 'town').map(fieldOption)}
              notFoundContent={t('ledgers.kinds.noTownField')}
              data-testid="kind-town-field"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={8}>
          <Form.Item
            name="titleField"
            label={t('ledgers.kinds.titleField')}
            extra={t('ledgers.kinds.titleFieldHelp')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select options={fields.map(fieldOption)} data-testid="kind-title-field" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
