import { DatePicker, Form, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { fenToYuan, yuanToFen } from '../../../../../shared/money';
import { FUNDING_SOURCE_DICTIONARY, type FundingStatus } from '../../../../../shared/enums/renewalFunding';
import type { ProjectSector } from '../../../../../shared/enums/renewalProjects';
import { useT } from '../../../../i18n/I18nProvider';
import { useDictionary } from '../../../platform/dictionaries/useDictionary';

const STATUS_COLOURS: Record<FundingStatus, string> = {
  applied: 'processing',
  granted: 'blue',
  partially_paid: 'gold',
  paid: 'success',
  rejected: 'error',
};

export function FundingStatusTag({ status }: { status: FundingStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid={`funding-status-${status}`}>
      {t(`renewal.funding.status.${status}`)}
    </Tag>
  );
}

/** ¥1,234.56 with the unit in the column header: the figure alone. */
export const money = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : fenToYuan(fen));

/** The funding sources (the office's dictionary) for selects and labels. */
export function useSources() {
  return useDictionary(FUNDING_SOURCE_DICTIONARY);
}

export function useSectorLabel() {
  const t = useT();
  return (s: ProjectSector) => t(`renewal.funding.sector.${s}`);
}

/** A form rule for an amount in 元 (two decimals at most). */
export function useYuanRule(required = true) {
  const t = useT();
  return {
    validator: async (_: unknown, v: string | undefined) => {
      if (!v?.trim()) {
        if (required) throw new Error(t('renewal.funding.yuanRequired'));
        return;
      }
      const fen = yuanToFen(v);
      if (fen === null || fen <= 0) throw new Error(t('renewal.funding.yuanRule'));
    },
  };
}

/** Percent typed as "3.45" → 345 basis points; null when not a number with at most two decimals. */
export function percentToBp(v: string | number | null | undefined): number | null {
  const s = String(v ?? '').trim();
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

/** A date whose form value is the YYYY-MM-DD string the API takes, at any name path (`['loan', 'from']`). */
export function DateItem({ name, label, testId, required }: { name: string | string[]; label: string; testId?: string; required?: boolean }) {
  return (
    <Form.Item
      name={name}
      label={label}
      rules={required ? [{ required: true }] : []}
      getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : null })}
      normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
    >
      <DatePicker style={{ width: '100%' }} data-testid={testId} />
    </Form.Item>
  );
}
