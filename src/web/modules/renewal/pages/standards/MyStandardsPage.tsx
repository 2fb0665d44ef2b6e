import { useState } from 'react';
import { Button, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CLAIM_MODELS, type ClaimModel } from '../../../../../shared/enums/renewalStandards';
import { PageHeader } from '../../../../components/PageHeader';
import { useT } from '../../../../i18n/I18nProvider';
import type { ClaimDetailView } from './api';
import { ClaimDrawer } from './ClaimDrawer';
import { ClaimForm } from './ClaimForm';
import { ClaimList } from './ClaimList';
import { useTab } from './useTab';

/**
 * 我的标准与认证: an enterprise records the standards it leads or joins, its certifications, brands and yearly R&D,
 * each with evidence, submits them for confirmation and sees what was returned and why.
 */
export default function MyStandardsPage() {
  const t = useT();
  const { tab, setTab, openedId } = useTab();
  const model = tab as ClaimModel;
  const [openId, setOpenId] = useState<number | null>(openedId);
  const [editing, setEditing] = useState<{ record: ClaimDetailView | null } | null>(null);
  return (
    <div data-testid="page-renewal-my-standards">
      <PageHeader
        title={t('renewal.std.nav.mine')}
        subtitle={t('renewal.std.mine.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ record: null })} data-testid="claim-new">
            {t(`renewal.std.new.${model}`)}
          </Button>
        }
      />
      <Tabs
        activeKey={model}
        onChange={(k) => {
          setOpenId(null);
          setTab(k);
        }}
        items={CLAIM_MODELS.map((m) => ({ key: m, label: <span data-testid={`claim-tab-${m}`}>{t(`renewal.std.tab.${m}`)}</span> }))}
      />
      <ClaimList key={model} model={model} onOpen={setOpenId} />
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
    </div>
  );
}
