import { Form, Select } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';

/** The towns of the division list (public, the same list the registration forms use). */
import { useTowns } from '../../../../api/towns';

export { useTowns };

/** The applicant's town, chosen from the division list; the car counts in that town's figures. */
export function TownField() {
  const t = useT();
  const towns = useTowns();
  return (
    <Form.Item name="townId" label={t('car.form.town')} rules={[{ required: true, message: t('common.required') }]} style={{ marginBottom: 0 }}>
      <Select<number>
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('car.form.townPlaceholder')}
        loading={towns.isPending}
        options={(towns.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        data-testid="car-town"
      />
    </Form.Item>
  );
}
