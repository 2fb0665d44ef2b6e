import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { CheckCircleOutlined, PauseCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { errorMessage } from '../../../../components/formErrors';
import { useT } from '../../../../i18n/I18nProvider';
import { testId } from '../../../../components/testId';
import type { CarBudgetView, CarProgramView } from '../../api';

type Status = CarProgramView['status'];
type Move = 'activate' | 'resume' | 'suspend' | 'close';

/** The moves the server allows from each status (programs/service.ts STATUS_MOVES). */
const MOVES: Record<Status, Move[]> = {
  draft: ['activate', 'close'],
  active: ['suspend', 'close'],
  suspended: ['resume', 'close'],
  closed: [],
};
const TARGET: Record<Move, Status> = { activate: 'active', resume: 'active', suspend: 'suspended', close: 'closed' };
const ICON = { activate: <CheckCircleOutlined />, resume: <CheckCircleOutlined />, suspend: <PauseCircleOutlined />, close: <StopOutlined /> };

/**
 * Activating, suspending and closing a programme, each after a confirmation that says what it means for residents
 * and for the applications already in. A refusal (somebody closed it meanwhile, no grant) shows the server's words.
 */
export function StatusActions({
  program,
  budget,
  onError,
}: {
  program: CarProgramView;
  budget: CarBudgetView | undefined;
  onError: (e: string | null) => void;
}) {
  const t = useT();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState<Move | null>(null);

  async function run(move: Move) {
    setBusy(move);
    onError(null);
    try {
      await api.patch<CarProgramView>(`/api/tradein/car-programs/${program.id}`, { status: TARGET[move] });
      message.success(t(`car.admin.status.${move}.done`, { name: program.name }));
      void qc.invalidateQueries({ queryKey: ['cartradein', 'programs'] });
    } catch (e) {
      onError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  function confirm(move: Move) {
    const warnNoBudget = (move === 'activate' || move === 'resume') && budget && !budget.set;
    modal.confirm({
      title: t(`car.admin.status.${move}.title`, { name: program.name }),
      content: (
        <div data-testid="car-status-confirm">
          <p>{t(`car.admin.status.${move}.body`)}</p>
          {warnNoBudget ? <p className="hx-car-warn">{t('car.admin.status.noBudgetWarn')}</p> : null}
          {program.isExample && move === 'activate' ? <p className="hx-car-warn">{t('car.admin.status.exampleWarn')}</p> : null}
        </div>
      ),
      okText: t(`car.admin.status.${move}`),
      okButtonProps: { danger: move === 'close' || move === 'suspend', ...testId('car-status-ok') },
      cancelText: t('common.cancel'),
      onOk: () => run(move),
    });
  }

  const moves = MOVES[program.status];
  if (!moves.length) return null;
  return (
    <Space wrap size={8} data-testid="car-status-actions">
      {moves.map((m) => (
        <Button
          key={m}
          type={m === 'activate' || m === 'resume' ? 'primary' : 'default'}
          danger={m === 'close'}
          icon={ICON[m]}
          loading={busy === m}
          onClick={() => confirm(m)}
          data-testid={`car-status-${m}`}
        >
          {t(`car.admin.status.${m}`)}
        </Button>
      ))}
    </Space>
  );
}
