import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, InputNumber, Popconfirm, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { DemoTag } from '../../../../components/DemoTag';
import { errorMessage, useFormSubmit } from '../../../../components/formErrors';
import { useT } from '../../../../i18n/I18nProvider';
import { SURVEY_BASE, surveyKeys, type RoundView } from './api';

/** The rounds: open one for a year (a 2023 baseline may be entered), close or reopen it, copy the previous register. */
export function RoundsPanel({ rounds, manage }: { rounds: RoundView[]; manage: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ year: number; deadline: string }>();
  const [busy, setBusy] = useState<number | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: surveyKeys.all });
  const { saving, error, submit } = useFormSubmit(form, async (v: { year: number; deadline: string }) => {
    await api.post(`${SURVEY_BASE}/rounds`, v);
    form.resetFields();
    await refresh();
  });
  const act = async (id: number, fn: () => Promise<unknown>, done?: (r: unknown) => void) => {
    setBusy(id);
    try {
      done?.(await fn());
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const previous = (r: RoundView) => rounds.find((x) => x.year < r.year);
  return (
    <div data-testid="survey-rounds">
      {manage ? (
        <Card size="small" className="hx-block" title={t('renewal.survey.openRound')}>
          {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
          <Form form={form} layout="inline" onFinish={(v) => void submit(v)}>
            <Form.Item name="year" label={t('renewal.survey.field.year')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={2000} max={2100} precision={0} />
            </Form.Item>
            <Form.Item
              name="deadline"
              label={t('renewal.survey.field.deadline')}
              rules={[{ required: true, message: t('common.required') }]}
              getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : null })}
              normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
            >
              <DatePicker />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('renewal.survey.openRound')}
            </Button>
          </Form>
        </Card>
      ) : null}
      <Table<RoundView>
        size="small"
        rowKey="id"
        dataSource={rounds}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('renewal.survey.noRounds') }}
        columns={[
          {
            key: 'year',
            title: t('renewal.survey.field.year'),
            render: (_, r) => (
              <Space size={4}>
                {r.year}
                <DemoTag show={r.isDemo} />
              </Space>
            ),
          },
          {
            key: 'status',
            title: t('renewal.survey.field.status'),
            render: (_, r) => <Tag color={r.status === 'open' ? 'green' : 'default'}>{t(`renewal.survey.${r.status}`)}</Tag>,
          },
          { key: 'deadline', title: t('renewal.survey.field.deadline'), dataIndex: 'deadline' },
          { key: 'size', title: t('renewal.survey.registerSize'), dataIndex: 'registerSize', align: 'right' },
          { key: 'checked', title: t('renewal.survey.checkedCount'), dataIndex: 'checked', align: 'right' },
          ...(manage
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_: unknown, r: RoundView) => {
                    const prev = previous(r);
                    return (
                      <Space wrap size={4}>
                        <Popconfirm
                          title={t(r.status === 'open' ? 'renewal.survey.closeRound' : 'renewal.survey.reopenRound')}
                          onConfirm={() => void act(r.id, () => api.post(`${SURVEY_BASE}/rounds/${r.id}/${r.status === 'open' ? 'close' : 'reopen'}`))}
                        >
                          <Button size="small" loading={busy === r.id}>
                            {t(r.status === 'open' ? 'renewal.survey.closeRound' : 'renewal.survey.reopenRound')}
                          </Button>
                        </Popconfirm>
                        {prev ? (
                          <Button
                            size="small"
                            onClick={() =>
                              void act(
                                r.id,
                                () => api.post<{ copied: number }>(`${SURVEY_BASE}/rounds/${r.id}/register/copy`, { fromRoundId: prev.id }),
                                (res) => void message.success(t('renewal.survey.copied', { count: (res as { copied: number }).copied })),
                              )
                            }
                          >
                            {t('renewal.survey.copyFrom')}
                          </Button>
                        ) : null}
                      </Space>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
