import { Form, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { Town } from '../../../../api/types';
import { useT } from '../../../../i18n/I18nProvider';

/** The towns of the division list (public, the same list the registration forms use). */
export function useTowns() {
  return useQuery({ queryKey: ['towns'], queryFn: ({ signal }) => api.get<Town[]>('/api/towns', undefined, signal), staleTime: 3_600_000 });
}

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
