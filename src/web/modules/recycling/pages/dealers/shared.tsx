import { Space, Tag, Tooltip } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import {
  CREDIT_GRADES,
  DEALER_KINDS,
  DEALER_STATUSES,
  VIOLATION_TYPES,
  type CreditGrade,
  type DealerKind,
  type DealerStatus,
  type ViolationStatus,
  type ViolationType,
} from '../../../../../shared/enums/recyclingDealers';
import { fenToYuan } from '../../../../../shared/money';
import type { DealerView } from './api';

export { CREDIT_GRADES, DEALER_KINDS, DEALER_STATUSES, VIOLATION_TYPES };
export type { CreditGrade, DealerKind, DealerStatus, ViolationType };

const GRADE_COLOURS: Record<CreditGrade, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };
const STATUS_COLOURS: Record<DealerStatus, string> = { active: 'success', suspended: 'warning', deregistered: 'default' };

/** Options over one of the dealers' enums, labelled `recycling.<prefix>.<value>`. */
export function useDealerOptions() {
  const t = useT();
  return <V extends string>(values: readonly V[], prefix: string) => values.map((v) => ({ value: v, label: t(`recycling.${prefix}.${v}` as MessageKey) }));
}

export function GradeTag({ grade, detail = true }: { grade: DealerView['grade']; detail?: boolean }) {
  const t = useT();
  const tag = (
    <Tag color={GRADE_COLOURS[grade.grade]} data-testid={`grade-${grade.grade}`}>
      {t(`recycling.dealers.grade.${grade.grade}` as MessageKey)}
    </Tag>
  );
  if (!detail) return tag;
  return (
    <Tooltip title={t('recycling.dealers.grade.detail', { points: grade.points, counted: grade.counted, version: grade.ruleVersion, asOf: grade.asOf })}>
      {tag}
    </Tooltip>
  );
}

export function DealerStatusTag({ status }: { status: DealerStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLOURS[status]}>{t(`recycling.dealers.status.${status}` as MessageKey)}</Tag>;
}

export function KindTags({ kinds }: { kinds: readonly DealerKind[] }) {
  const t = useT();
  return (
    <Space size={2} wrap>
      {kinds.map((k) => (
        <Tag key={k} color="blue">
          {t(`recycling.dealers.kind.${k}` as MessageKey)}
        </Tag>
      ))}
    </Space>
  );
}

export function ViolationTypeText({ type }: { type: ViolationType }) {
  const t = useT();
  return <>{t(`recycling.violations.type.${type}` as MessageKey)}</>;
}

export function ViolationStatusTag({ status }: { status: ViolationStatus }) {
  const t = useT();
  return <Tag color={status === 'in_force' ? 'red' : 'default'}>{t(`recycling.violations.status.${status}` as MessageKey)}</Tag>;
}

/** A penalty as published: the text, and the fine in yuan when there is one. */
export function penaltyText(text: string, fen: number | null): string {
  return fen === null ? text : `${text}（¥${fenToYuan(fen)}）`;
}
