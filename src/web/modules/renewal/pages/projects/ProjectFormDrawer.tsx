import { useEffect } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { DateField } from '../../../../components/DateField';
import { useFormSubmit } from '../../../../components/formErrors';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useUser } from '../../../../auth/AuthProvider';
import { useT } from '../../../../i18n/I18nProvider';
import { useDictionary } from '../../../platform/dictionaries/useDictionary';
import { fenToWanText, PROJECT_SECTORS, PROJECT_TYPES, wanToFen } from '../../../../../shared/enums/renewalProjects';
import { projectKeys, saveProject, useTowns, type ProjectDetail, type ProjectInput } from './api';
import { useCode } from './parts';

interface Values extends Omit<ProjectInput, 'plannedInvestmentFen' | 'plannedEquipmentFen' | 'newEquipment'> {
  planned: string;
  equipment: string;
  newEquipment: (Omit<ProjectInput['newEquipment'][number], 'amountFen'> & { amount?: string })[];
}

/** Where the API's field paths sit on this form. */
const ALIASES = { plannedInvestmentFen: 'planned', plannedEquipmentFen: 'equipment' };

/** Registers a project or edits a draft or returned one: figures in 万元 (to the fen), old and new equipment rows. */
export function ProjectFormDrawer({
  open,
  project,
  onClose,
  onSaved,
}: {
  open: boolean;
  project: ProjectDetail | null;
  onClose: () => void;
  onSaved: (p: ProjectDetail) => void;
}) {
  const t = useT();
  const code = useCode();
  const user = useUser();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const towns = useTowns();
  const industries = useDictionary('industry');
  const equipment = useDictionary('renewal_advanced_equipment');
  const [form] = Form.useForm<Values>();
  const industry = Form.useWatch('industry', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (project)
      form.setFieldsValue({
        ...project,
        planned: fenToWanText(project.plannedInvestmentFen),
        equipment: fenToWanText(project.plannedEquipmentFen),
        plannedStart: project.plannedStart ?? '',
        plannedEnd: project.plannedEnd ?? '',
        newEquipment: project.newEquipment.map((e) => ({ ...e, amount: e.amountFen === null ? '' : fenToWanText(e.amountFen) })),
      });
    else form.setFieldsValue({ townId: user.organization?.townId ?? undefined } as Partial<Values>);
  }, [open, project, form, user.organization?.townId]);

  const { saving, error, submit } = useFormSubmit<Values>(
    form,
    async (v) => {
      const body: ProjectInput = {
        name: v.name,
        townId: v.townId,
        sector: v.sector,
        industry: v.industry,
        type: v.type,
        plannedInvestmentFen: wanToFen(v.planned) ?? -1,
        plannedEquipmentFen: wanToFen(v.equipment) ?? -1,
        addsLand: Boolean(v.addsLand),
        energySavedTce: v.energySavedTce ?? null,
        emissionsReducedT: v.emissionsReducedT ?? null,
        plannedStart: v.plannedStart,
        plannedEnd: v.plannedEnd,
        description: v.description || null,
        oldEquipment: (v.oldEquipment ?? []).map((e) => ({ ...e, isMachineTool: Boolean(e.isMachineTool) })),
        newEquipment: (v.newEquipment ?? []).map(({ amount, ...e }) => ({
          ...e,
          equipmentCode: e.equipmentCode || null,
          amountFen: amount ? wanToFen(amount) : null,
          isFirstSet: Boolean(e.isFirstSet),
        })),
      };
      const saved = await saveProject(project?.id ?? null, body);
      void message.success(t('renewal.proj.saved'));
      await qc.invalidateQueries({ queryKey: projectKeys.all });
      onSaved(saved);
    },
    ALIASES,
  );
  const required = [{ required: true, message: t('renewal.proj.required') }];
  const wanRule = {
    validator: (_: unknown, v?: string) => (!v || wanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('renewal.proj.wanRule')))),
  };
  // The lists of the project's industry first, then the general ones; every item stays selectable.
  const equipmentOptions = equipment.options
    .filter((o) => o.parentCode !== null)
    .sort((a, b) => Number(b.parentCode === industry) - Number(a.parentCode === industry))
    .map((o) => ({ value: o.value, label: o.label }));
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={project ? t('renewal.proj.editTitle') : t('renewal.proj.newTitle')}
      size={isPhone ? '100%' : 820}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="project-form-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ addsLand: false, sector: 'industry', oldEquipment: [], newEquipment: [] }}
        onFinish={(v) => void submit(v)}
        data-testid="project-form"
      >
        <Form.Item name="name" label={t('renewal.proj.field.name')} rules={required}>
          <Input maxLength={200} data-testid="project-name" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="sector" label={t('renewal.proj.field.sector')} rules={required}>
              <Select options={PROJECT_SECTORS.map((s) => ({ value: s, label: code('sector', s) }))} data-testid="project-sector" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="industry" label={t('renewal.proj.field.industry')} rules={required}>
              <Select options={industries.options} loading={industries.loading} data-testid="project-industry" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="type" label={t('renewal.proj.field.type')} rules={required}>
              <Select options={PROJECT_TYPES.map((s) => ({ value: s, label: code('type', s) }))} data-testid="project-type" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="townId" label={t('renewal.proj.field.town')} rules={required}>
              <Select<number>
                showSearch={{ optionFilterProp: 'label' }}
                options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
                data-testid="project-town"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="planned" label={t('renewal.proj.field.plannedWan')} rules={[...required, wanRule]}>
              <Input inputMode="decimal" suffix="万元" data-testid="project-planned" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="equipment" label={t('renewal.proj.field.equipmentWan')} rules={[...required, wanRule]}>
              <Input inputMode="decimal" suffix="万元" data-testid="project-equipment" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <DateField name="plannedStart" label={t('renewal.proj.field.plannedStart')} testId="project-planned-start" />
          </Col>
          <Col xs={12} sm={8}>
            <DateField name="plannedEnd" label={t('renewal.proj.field.plannedEnd')} testId="project-planned-end" />
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="addsLand" label={t('renewal.proj.field.addsLand')} extra={t('renewal.proj.addsLandHelp')}>
              <Radio.Group
                options={[
                  { value: false, label: t('common.no') },
                  { value: true, label: t('common.yes') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="energySavedTce" label={t('renewal.proj.field.energy')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="emissionsReducedT" label={t('renewal.proj.field.emissions')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('renewal.proj.field.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>

        <Typography.Title level={5}>{t('renewal.proj.oldEquipment')}</Typography.Title>
        <Form.List name="oldEquipment">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <Card size="small" key={row.key} className="hx-block" data-testid={`project-old-${row.name}`}>
                  <Row gutter={8} align="middle">
                    <Col xs={24} sm={9}>
                      <Form.Item name={[row.name, 'name']} label={t('renewal.proj.eq.name')} rules={required}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} sm={4}>
                      <Form.Item name={[row.name, 'count']} label={t('renewal.proj.eq.count')} rules={required}>
                        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} sm={5}>
                      <Form.Item name={[row.name, 'yearsInService']} label={t('renewal.proj.eq.years')} rules={required}>
                        <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} sm={4}>
                      <Form.Item name={[row.name, 'isMachineTool']} valuePropName="checked" label=" ">
                        <Checkbox>{t('renewal.proj.eq.machineTool')}</Checkbox>
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={2}>
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('renewal.proj.removeRow')} />
                    </Col>
                  </Row>
                </Card>
              ))}
              <div className="hx-block">
                <Button icon={<PlusOutlined />} onClick={() => add({ count: 1, yearsInService: 10, isMachineTool: true })} data-testid="project-add-old">
                  {t('renewal.proj.addOld')}
                </Button>
              </div>
            </>
          )}
        </Form.List>

        <Typography.Title level={5}>{t('renewal.proj.newEquipment')}</Typography.Title>
        <Form.List name="newEquipment">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <Card size="small" key={row.key} className="hx-block" data-testid={`project-new-${row.name}`}>
                  <Row gutter={8} align="middle">
                    <Col xs={24} sm={7}>
                      <Form.Item name={[row.name, 'equipmentCode']} label={t('renewal.proj.eq.list')}>
                        <Select
                          allowClear
                          showSearch={{ optionFilterProp: 'label' }}
                          options={equipmentOptions}
                          onChange={(v: string | undefined) => {
                            const label = equipment.labelOf(v);
                            if (v && !form.getFieldValue(['newEquipment', row.name, 'name'])) form.setFieldValue(['newEquipment', row.name, 'name'], label);
                          }}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={6}>
                      <Form.Item name={[row.name, 'name']} label={t('renewal.proj.eq.name')} rules={required}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} sm={3}>
                      <Form.Item name={[row.name, 'count']} label={t('renewal.proj.eq.count')} rules={required}>
                        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={16} sm={4}>
                      <Form.Item name={[row.name, 'amount']} label={t('renewal.proj.eq.amountWan')} rules={[wanRule]}>
                        <Input inputMode="decimal" />
                      </Form.Item>
                    </Col>
                    <Col xs={16} sm={3}>
                      <Form.Item name={[row.name, 'isFirstSet']} valuePropName="checked" label=" ">
                        <Checkbox>{t('renewal.proj.eq.firstSet')}</Checkbox>
                      </Form.Item>
                    </Col>
                    <Col xs={8} sm={1}>
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('renewal.proj.removeRow')} />
                    </Col>
                  </Row>
                </Card>
              ))}
              <div className="hx-block">
                <Button icon={<PlusOutlined />} onClick={() => add({ count: 1, isFirstSet: false })} data-testid="project-add-new">
                  {t('renewal.proj.addNew')}
                </Button>
              </div>
            </>
          )}
        </Form.List>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="project-save">
            {t('common.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
