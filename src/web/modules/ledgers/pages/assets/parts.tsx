import type { ReactNode } from 'react';
import { Breadcrumb, Spin, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { LoadError } from '../../../../components/ResultPages';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { activeFields, type AssetStatus, type LedgerDefinition } from '../../../../../shared/ledgers/definition';
import { LEDGER_PAGES, useKind, type KindView } from './api';
import { labelOf } from './fields';
import './assets.css';

const STATUS_COLOR: Record<AssetStatus, string> = { in_service: 'green', replaced: 'blue', scrapped: 'default' };

export function StatusTag({ status, testId }: { status: AssetStatus; testId?: string }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={testId}>
      {t(`ledgers.assets.status.${status}`)}
    </Tag>
  );
}

/** "Old" in the plan's sense (the kind's rule), with the day it became so. */
export function OldTag({ old, oldFrom }: { old: boolean; oldFrom?: string | null | undefined }) {
  const t = useT();
  if (!old) return <Tag>{t('ledgers.assets.old.no')}</Tag>;
  return <Tag color="orange">{oldFrom && oldFrom !== '0001-01-01' ? t('ledgers.assets.old.since', { date: oldFrom }) : t('ledgers.assets.old.yes')}</Tag>;
}

export const kindName = (def: LedgerDefinition | undefined, locale: 'zh-CN' | 'en') => (def ? labelOf(def.name, locale) : '');

/** The route's `:id` as a number (0 when it is not one, which no query asks for). */
export function useRouteId(): number {
  const n = Number(useParams().id);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** Loads the kind of the route and renders `children` with it, or the loading spinner, or the error. */
export function WithKind({ id, children }: { id: number; children: (kind: KindView) => ReactNode }) {
  const kind = useKind(id);
  if (kind.isError) return <LoadError error={kind.error} onRetry={() => void kind.refetch()} />;
  if (!kind.data)
    return (
      <div className="hx-ledger-loading">
        <Spin />
      </div>
    );
  return <>{children(kind.data)}</>;
}

/** Ledgers › the kind › this page, so a keeper on a phone always finds the way back. */
export function KindCrumbs({ kind, here }: { kind: KindView; here?: string }) {
  const t = useT();
  const { locale } = useLocale();
  const name = kindName(kind.definition, locale);
  return (
    <Breadcrumb
      className="hx-ledger-crumbs"
      items={[
        { title: <Link to={LEDGER_PAGES.kinds}>{t('ledgers.assets.list.crumbKinds')}</Link> },
        { title: here ? <Link to={LEDGER_PAGES.assets(kind.id)}>{name}</Link> : name },
        ...(here ? [{ title: here }] : []),
      ]}
    />
  );
}

/** The fields shown first: active, the title field left out (it is the first column). */
export const listedFields = (def: LedgerDefinition, count: number) =>
  activeFields(def)
    .filter((f) => f.key !== def.titleField)
    .slice(0, count);

export const actorName = (a: string | null | undefined) => a || '—';
