import { useMemo } from 'react';
import { App, Button, Tooltip } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { errorMessage } from '../../../../components/formErrors';
import { useT } from '../../../../i18n/I18nProvider';
import { supervisionKeys, useAlerts, type AlertView } from '../supervision/api';

/** Today's alert of each indicator of the plan, by indicator id (what the indicator table colours). */
export function useIndicatorAlerts(planId: number | undefined) {
  const alerts = useAlerts({ planId, subject: 'indicator' }, planId !== undefined);
  const byIndicator = useMemo(() => new Map<number, AlertView>((alerts.data?.items ?? []).map((a) => [a.subjectId, a])), [alerts.data]);
  return { byIndicator, day: alerts.data?.day ?? null };
}

/** The office recomputes today's alerts now, instead of waiting for the morning's run. */
export function RefreshAlertsButton({ planId }: { planId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = useMutation({
    mutationFn: () => api.post<{ day: string; red: number; yellow: number; blue: number }[]>('/api/plan-alerts/refresh', { planId }),
    onSuccess: async (runs) => {
      await queryClient.invalidateQueries({ queryKey: supervisionKeys.all });
      const r = runs[0];
      if (r) message.success(t('plan.alert.refreshed', { red: r.red, yellow: r.yellow, blue: r.blue }));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Tooltip title={t('plan.alert.legend')}>
      <Button icon={<AlertOutlined />} loading={refresh.isPending} onClick={() => refresh.mutate()} data-testid="alerts-refresh">
        {t('plan.alert.refresh')}
      </Button>
    </Tooltip>
  );
}
