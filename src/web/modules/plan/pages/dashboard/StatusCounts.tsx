import { Space, Tag, Tooltip } from 'antd';
import { INDICATOR_STATUSES, type IndicatorStatus } from '../../../../../shared/enums/plan';
import { useT } from '../../../../i18n/I18nProvider';
import { STATUS_HEX } from '../../components';

/** Indicators by status as coloured tags (compact: the count only, the status in the tooltip). */
export function StatusCounts({ counts, compact }: { counts: Record<IndicatorStatus, number>; compact?: boolean }) {
  const t = useT();
  return (
    <Space size={[4, 4]} wrap>
      {INDICATOR_STATUSES.filter((s) => counts[s] > 0).map((s) => (
        <Tooltip key={s} title={t(`plan.status.${s}`)}>
          <Tag color={STATUS_HEX[s]} className="hx-plan-count-tag">
            {compact ? '' : `${t(`plan.status.${s}`)} `}
            {counts[s]}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
