import { useState } from 'react';
import { Button, Segmented, Space, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { CLAIM_MODELS, type ClaimModel } from '../../../../../shared/enums/renewalStandards';
import { ExportButton } from '../../../../components/ExportButton';
import { PageHeader } from '../../../../components/PageHeader';
import { useT } from '../../../../i18n/I18nProvider';
import { useGrants } from '../../../platform/grants/useGrants';
import { claimBase, MODEL_DOMAINS, type ClaimDetailView } from './api';
import { ClaimDrawer } from './ClaimDrawer';
import { ClaimForm } from './ClaimForm';
import { ClaimList, LIST_FILTERS } from './ClaimList';
import { RdOverview } from './RdOverview';
import { useTab } from './useTab';

const OVERVIEW = ['overview'] as const;

/**
 * 标准、认证与品牌 for officials: every organisation's records by model, with the confirm queue of the model the
 * user's department confirms (市市场监管局 standards, 市工信局 certifications and brands, 市科技局 R&D; the office all),
 * Excel exports of the filtered lists, and the R&D overview.
 */
export default function StandardsPage() {
  const t = useT();
  const { tab, setTab, openedId } = useTab(OVERVIEW);
  const [search, setSearch] = useSearchParams();
  const grants = {
    standard: useGrants(MODEL_DOMAINS.standard).manage,
    certification: useGrants(MODEL_DOMAINS.certification).manage,
    brand: useGrants(MODEL_DOMAINS.brand).manage,
    rd: useGrants(MODEL_DOMAINS.rd).manage,
  };
  const [openId, setOpenId] = useState<number | null>(openedId);
  const [editing, setEditing] = useState<{ record: ClaimDetailView | null } | null>(null);
  const model = tab === 'overview' ? null : (tab as ClaimModel);
  const confirms = model !== null && grants[model];
  // The confirmer lands on its queue; everyone else on the whole list.
  const queue = confirms && search.get('queue') !== 'all' ? 'todo' : 'all';
  const exportQuery = Object.fromEntries([...LIST_FILTERS, 'q', 'sort', 'order'].map((k) => [k, search.get(k) ?? undefined]));
  return (
    <div data-testid="page-renewal-standards">
      <PageHeader
        title={t('renewal.std.nav.official')}
        subtitle={t('renewal.std.official.subtitle')}
        extra={
          model ? (
            <Space wrap>
              {confirms ? (
                <Button icon={<PlusOutlined />} onClick={() => setEditing({ record: null })} data-testid="claim-new">
                  {t(`renewal.std.new.${model}`)}
                </Button>
              ) : null}
              <ExportButton
                path={`${claimBase(model)}/export.xlsx`}
                query={{ ...exportQuery, ...(queue === 'todo' ? { status: 'submitted' } : {}) }}
                fallbackName={`${model}.xlsx`}
                testId="claim-export"
              />
            </Space>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setOpenId(null);
          setTab(k);
        }}
        items={[
          ...CLAIM_MODELS.map((m) => ({ key: m, label: <span data-testid={`claim-tab-${m}`}>{t(`renewal.std.tab.${m}`)}</span> })),
          { key: 'overview', label: <span data-testid="claim-tab-overview">{t('renewal.std.tab.overview')}</span> },
        ]}
      />
      {model ? (
        <>
          {confirms ? (
            <Segmented
              style={{ marginBottom: 12 }}
              value={queue}
              onChange={(v) =>
                setSearch((prev) => {
                  const out = new URLSearchParams(prev);
                  out.set('queue', String(v));
                  out.delete('page');
                  return out;
                })
              }
              options={[
                { value: 'todo', label: <span data-testid="claim-queue-todo">{t('renewal.std.queue.todo')}</span> },
                { value: 'all', label: <span data-testid="claim-queue-all">{t('renewal.std.queue.all')}</span> },
              ]}
            />
          ) : null}
          <ClaimList key={`${model}-${queue}`} model={model} onOpen={setOpenId} fixed={queue === 'todo' ? { status: 'submitted' } : {}} />
          <ClaimDrawer model={model} id={openId} onClose={() => setOpenId(null)} onEdit={(record) => setEditing({ record })} />
          <ClaimForm
            model={model}
            open={editing !== null}
            record={editing?.record ?? null}
            onClose={() => setEditing(null)}
            onSaved={(v) => {
              setEditing(null);
              setOpenId(v.id);
            }}
          />
        </>
      ) : (
        <RdOverview />
      )}
    </div>
  );
}
