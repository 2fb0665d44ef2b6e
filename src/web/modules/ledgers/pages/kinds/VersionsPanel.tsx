import { useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { LoadError } from '../../../../components/ResultPages';
import { formatDateTime } from '../../../../components/format';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { fenToDecimal } from '../../../../../shared/money';
import { ledgerMetricName, type LedgerDefinition, type LedgerField } from '../../../../../shared/ledgers/definition';
import { describeRule } from '../../../../../shared/ledgers/rules';
import { useKindVersions, type KindVersion } from './api';
import { useCodes } from './parts';

const who = (v: KindVersion['createdBy']) => v?.name ?? '—';

/** A field's checks in a few words (范围 0–100 ㎡, 字典 bus_energy, 不晚于今天). */
function useChecks() {
  const t = useT();
  return (f: LedgerField) => {
    const money = f.type === 'money';
    const n = (v: number) => (money ? fenToDecimal(v) : String(v));
    const parts: string[] = [];
    if (f.min !== undefined || f.max !== undefined) parts.push(`${f.min !== undefined ? n(f.min) : '…'} – ${f.max !== undefined ? n(f.max) : '…'}`);
    if (f.unit) parts.push(f.unit);
    if (f.decimals !== undefined) parts.push(t('ledgers.kinds.summary.decimals', { n: f.decimals }));
    if (f.dictionary) parts.push(t('ledgers.kinds.summary.dictionary', { code: f.dictionary }));
    if (f.maxLength !== undefined) parts.push(t('ledgers.kinds.summary.maxLength', { n: f.maxLength }));
    if (f.pattern) parts.push(`/${f.pattern}/`);
    if (f.notInFuture) parts.push(t('ledgers.kinds.field.notInFuture'));
    return parts.join('，') || '—';
  };
}

/** A definition read-only: its fields, rule in words, events and metrics (an old version, or for readers). */
export function DefinitionSummary({ definition, kindCode }: { definition: LedgerDefinition; kindCode: string }) {
  const t = useT();
  const { locale } = useLocale();
  const code = useCodes();
  const checks = useChecks();
  const label = (l: { zh: string; en: string }) => (locale === 'en' ? l.en : l.zh);
  const yes = (b: boolean) => (b ? t('common.yes') : '');
  const columns: TableColumnsType<LedgerField> = [
    { key: 'key', title: t('ledgers.kinds.field.key'), render: (_, f) => <Typography.Text code>{f.key}</Typography.Text> },
    { key: 'label', title: t('ledgers.kinds.label'), render: (_, f) => label(f.label) },
    { key: 'type', title: t('ledgers.kinds.field.type'), render: (_, f) => code.type(f.type) },
    { key: 'required', title: t('ledgers.kinds.field.required'), render: (_, f) => yes(f.required) },
    { key: 'unique', title: t('ledgers.kinds.field.unique'), render: (_, f) => yes(f.unique) },
    { key: 'checks', title: t('ledgers.kinds.summary.checks'), render: (_, f) => checks(f) },
    { key: 'retired', title: '', render: (_, f) => (f.retired ? <Tag color="orange">{t('ledgers.kinds.field.retired')}</Tag> : null) },
  ];
  return (
    <div data-testid="kind-summary">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'name', label: t('ledgers.kinds.name'), children: `${definition.name.zh} / ${definition.name.en}` },
          { key: 'access', label: t('ledgers.kinds.townAccess'), children: code.access(definition.townAccess) },
          { key: 'title', label: t('ledgers.kinds.titleField'), children: definition.titleField },
          { key: 'plan', label: t('ledgers.kinds.planRefs'), children: definition.planRefs.join('、') || '—' },
          { key: 'rule', label: t('ledgers.kinds.section.rule'), children: describeRule(definition, definition.oldRule, locale) },
        ]}
      />
      <Typography.Title level={5}>{t('ledgers.kinds.section.fields')}</Typography.Title>
      <Table<LedgerField> rowKey="key" size="small" pagination={false} columns={columns} dataSource={definition.fields} scroll={{ x: 'max-content' }} />
      <Typography.Title level={5}>{t('ledgers.kinds.section.events')}</Typography.Title>
      {definition.events.length ? (
        <ul className="hx-ledger-summary-list">
          {definition.events.map((e) => (
            <li key={e.code}>
              <Typography.Text strong>{label(e.label)}</Typography.Text> <Typography.Text code>{e.code}</Typography.Text>{' '}
              <Tag color="purple">{code.effect(e.effect)}</Tag>
              {e.fields.length ? <span>{e.fields.map((f) => label(f.label)).join('、')}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Paragraph type="secondary">—</Typography.Paragraph>
      )}
      <Typography.Title level={5}>{t('ledgers.kinds.section.metrics')}</Typography.Title>
      {definition.metrics.length ? (
        <ul className="hx-ledger-summary-list">
          {definition.metrics.map((m) => (
            <li key={m.code}>
              <Typography.Text strong>{label(m.label)}</Typography.Text> ({m.unit}) <Typography.Text code>{ledgerMetricName(kindCode, m.code)}</Typography.Text>{' '}
              <Tag color="geekblue">{code.measure(m.measure.kind)}</Tag>
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Paragraph type="secondary">—</Typography.Paragraph>
      )}
    </div>
  );
}

/** The kind's versions, newest first: number, who, when, note; any one opens read-only. */
export function VersionsPanel({ kindId, kindCode }: { kindId: number; kindCode: string }) {
  const t = useT();
  const isPhone = useIsPhone();
  const versions = useKindVersions(kindId);
  const [open, setOpen] = useState<KindVersion | null>(null);
  if (versions.isPending) return <Skeleton active />;
  if (versions.isError) return <LoadError error={versions.error} onRetry={() => void versions.refetch()} />;
  const rows = [...versions.data].sort((a, b) => b.version - a.version);
  const columns: TableColumnsType<KindVersion> = [
    {
      key: 'version',
      title: t('ledgers.kinds.version'),
      render: (_, v) => (
        <>
          {t('ledgers.kinds.versionN', { v: v.version })} {v.current ? <Tag color="blue">{t('ledgers.kinds.current')}</Tag> : null}
        </>
      ),
    },
    { key: 'by', title: t('ledgers.kinds.savedBy'), render: (_, v) => who(v.createdBy) },
    { key: 'at', title: t('ledgers.kinds.savedAt'), render: (_, v) => formatDateTime(v.createdAt) },
    { key: 'note', title: t('ledgers.kinds.note'), render: (_, v) => v.note || '—' },
    {
      key: 'view',
      title: '',
      render: (_, v) => (
        <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(v)} data-testid={`kind-version-${v.version}-view`}>
          {t('ledgers.kinds.viewVersion')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Table<KindVersion>
        rowKey="version"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('ledgers.kinds.noVersions')} /> }}
        data-testid="kind-versions"
      />
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        size={isPhone ? '100%' : 820}
        title={open ? t('ledgers.kinds.versionTitle', { v: open.version }) : ''}
        data-testid="kind-version-drawer"
      >
        {open ? <DefinitionSummary definition={open.definition} kindCode={kindCode} /> : null}
      </Drawer>
    </>
  );
}
