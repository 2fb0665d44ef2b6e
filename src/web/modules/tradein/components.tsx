import type { ReactNode } from 'react';
import { Empty, QRCode, Tag, Typography } from 'antd';
import { ApiError } from '../../api/client';
import type { MessageKey } from '../../i18n/messages';
import { useT, type Translate } from '../../i18n/I18nProvider';
import { formatDate } from '../../components/format';
import type { CategoryRule, VoucherView } from './api';
import { fenToYuan } from '../../../shared/money';
import { groupVoucherCode } from '../../../shared/voucherCode';
import { percent } from './money';
import { needsInstallation } from '../../../shared/enums/tradein';
import './tradein.css';

const COLORS: Record<string, string> = {
  active: 'success',
  open: 'processing',
  scheduled: 'default',
  closed: 'default',
  redeemed: 'blue',
  expired: 'default',
  cancelled: 'default',
  pending: 'warning',
  approved: 'success',
  rejected: 'error',
  suspended: 'default',
  accepted: 'success',
  held: 'warning',
  reversed: 'default',
  cleared: 'success',
  draft: 'default',
  confirmed: 'processing',
  paid: 'success',
  withdrawn: 'default',
};

/** A status as a coloured tag; `group` picks the message set (tradein.status.<group>.<status>). */
export function StatusTag({
  group,
  status,
}: {
  group: 'voucher' | 'pool' | 'merchant' | 'redemption' | 'review' | 'batch' | 'program' | 'product';
  status: string;
}) {
  const t = useT();
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid={`status-${status}`}>
      {t(`tradein.status.${group}.${status}` as MessageKey)}
    </Tag>
  );
}

/** An amount in fen, shown in 元 with two decimals. */
export function Money({ fen, strong, testId }: { fen: number | null | undefined; strong?: boolean; testId?: string }) {
  const t = useT();
  const text = fen === null || fen === undefined ? '—' : t('tradein.yuan', { amount: fenToYuan(fen) });
  return (
    <span className={strong ? 'hx-ti-money hx-ti-money-strong' : 'hx-ti-money'} data-testid={testId}>
      {text}
    </span>
  );
}

/** A category's rule in plain words: rates by efficiency grade, the cap, the price ceiling, the limit, what to bring. */
export function ruleSentences(t: Translate, rule: CategoryRule, category?: string): string[] {
  const out: string[] = [];
  const graded = rule.rates.filter((r) => r.grade !== null).sort((a, b) => (a.grade ?? 0) - (b.grade ?? 0));
  const flat = rule.rates.find((r) => r.grade === null);
  if (graded.length)
    out.push(
      t('tradein.rule.graded', {
        list: graded.map((r) => t('tradein.rule.gradeRate', { grade: r.grade, rate: percent(r.rateBp) })).join(t('tradein.rule.sep')),
      }),
    );
  if (flat) out.push(graded.length ? t('tradein.rule.otherRate', { rate: percent(flat.rateBp) }) : t('tradein.rule.flat', { rate: percent(flat.rateBp) }));
  else if (graded.length) out.push(t('tradein.rule.onlyGrades'));
  out.push(t('tradein.rule.cap', { cap: fenToYuan(rule.capFen) }));
  if (rule.priceCeilingFen !== null) out.push(t('tradein.rule.ceiling', { ceiling: fenToYuan(rule.priceCeilingFen) }));
  out.push(t('tradein.rule.limit', { n: rule.limitPerPerson }));
  const bring = [
    rule.evidence.invoice ? t('tradein.rule.evidence.invoice') : null,
    rule.evidence.serialNumber ? t('tradein.rule.evidence.serial') : null,
    rule.evidence.oldItemProof ? t('tradein.rule.evidence.oldItem') : null,
  ].filter(Boolean);
  out.push(bring.length ? t('tradein.rule.bring', { list: bring.join(t('tradein.rule.sep')) }) : t('tradein.rule.bringNothing'));
  if (category !== undefined && needsInstallation(rule, category)) out.push(t('tradein.rule.installedBeforeSettlement'));
  return out;
}

export function RuleText({ rule, category, testId }: { rule: CategoryRule; category?: string; testId?: string }) {
  const t = useT();
  return (
    <ul className="hx-ti-rule" data-testid={testId}>
      {ruleSentences(t, rule, category).map((s) => (
        <li key={s}>{s}</li>
      ))}
    </ul>
  );
}

/** The voucher as the resident shows it at the till: the code large and grouped, a QR code of it, the expiry. */
export function VoucherCard({ voucher, extra }: { voucher: VoucherView; extra?: ReactNode }) {
  const t = useT();
  const bare = voucher.code.replace(/[\s-]/g, '');
  const usable = voucher.status === 'active';
  return (
    <div className={`hx-ti-voucher${usable ? '' : ' hx-ti-voucher-used'}`} data-testid={`voucher-${bare}`}>
      <div className="hx-ti-voucher-head">
        <div className="hx-ti-voucher-title">
          <Typography.Text strong>{voucher.categoryName}</Typography.Text>
          <Typography.Text type="secondary" className="hx-ti-voucher-program">
            {voucher.programName}
          </Typography.Text>
        </div>
        <StatusTag group="voucher" status={voucher.status} />
      </div>
      <div className="hx-ti-voucher-label">{t('tradein.voucher.codeLabel')}</div>
      <div className="hx-ti-voucher-code" data-testid="voucher-code" aria-label={bare.split('').join(' ')}>
        {groupVoucherCode(bare)
          .split(' ')
          .map((g, i) => (
            <span key={i} className="hx-ti-voucher-group">
              {g}
            </span>
          ))}
      </div>
      <div className="hx-ti-voucher-body">
        <div className="hx-ti-voucher-expiry">
          {voucher.status === 'redeemed'
            ? t('tradein.voucher.redeemedOn', { date: formatDate(voucher.redeemedAt) })
            : t('tradein.voucher.expires', { date: formatDate(voucher.expiresAt) })}
        </div>
        {usable ? (
          <div className="hx-ti-voucher-qr" data-testid="voucher-qr">
            <QRCode value={bare} size={120} bordered={false} />
          </div>
        ) : null}
      </div>
      {usable ? <div className="hx-ti-voucher-hint">{t('tradein.voucher.hint')}</div> : null}
      {extra}
    </div>
  );
}

/** Trade-in error codes in words the reader can act on; anything else keeps the server's own message. */
const CODE_MESSAGES: Record<string, MessageKey> = {
  POOL_EXHAUSTED: 'tradein.error.POOL_EXHAUSTED',
  ALREADY_CLAIMED: 'tradein.error.ALREADY_CLAIMED',
  SERIAL_ALREADY_SUBSIDISED: 'tradein.error.SERIAL_ALREADY_SUBSIDISED',
  INVOICE_ALREADY_USED: 'tradein.error.INVOICE_ALREADY_USED',
  VOUCHER_NOT_ACTIVE: 'tradein.error.VOUCHER_NOT_ACTIVE',
  VOUCHER_EXPIRED: 'tradein.error.VOUCHER_EXPIRED',
  VOUCHER_CATEGORY_MISMATCH: 'tradein.error.VOUCHER_CATEGORY_MISMATCH',
  MERCHANT_NOT_ENROLLED: 'tradein.error.MERCHANT_NOT_ENROLLED',
  PRICE_ABOVE_CEILING: 'tradein.error.PRICE_ABOVE_CEILING',
  PRODUCT_NOT_ELIGIBLE: 'tradein.error.PRODUCT_NOT_ELIGIBLE',
  BUDGET_EXHAUSTED: 'tradein.error.BUDGET_EXHAUSTED',
  OLD_ITEM_PROOF_REJECTED: 'tradein.error.OLD_ITEM_PROOF_REJECTED',
};

export function tradeinError(t: Translate, e: unknown): string {
  if (e instanceof ApiError) {
    const key = CODE_MESSAGES[e.code];
    if (key) return t(key);
    if (e.status === 404) return t('tradein.error.notFound');
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

export function EmptyState({ text, testId, children }: { text: string; testId?: string; children?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} data-testid={testId}>
      {children}
    </Empty>
  );
}

/** A small key figure: label above, value below. */
export function Figure({ label, value, testId, tone }: { label: string; value: ReactNode; testId?: string; tone?: 'good' | 'warn' }) {
  return (
    <div className={`hx-ti-figure${tone ? ` hx-ti-figure-${tone}` : ''}`} data-testid={testId}>
      <div className="hx-ti-figure-label">{label}</div>
      <div className="hx-ti-figure-value">{value}</div>
    </div>
  );
}
