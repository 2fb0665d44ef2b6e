import { useState } from 'react';
import { App, Button, Input, List, Modal, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { EvidenceViewer } from '../../../../components/EvidenceViewer';
import { errorMessage } from '../../../../components/formErrors';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import { dealerKeys, evidenceUrl, useViolations, type ViolationView } from './api';
import { ViolationStatusTag, ViolationTypeText, penaltyText } from './shared';
import { DemoTag } from '../../../../components/DemoTag';

/** A dealer's credit records: type, date, penalty, issuing unit, evidence (officials), and revocation on appeal. */
export function ViolationList({ dealerId }: { dealerId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const data = useViolations({ dealerId, page, pageSize: 10 });
  const [revoking, setRevoking] = useState<ViolationView | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (data.isError) return <LoadError error={data.error} onRetry={() => void data.refetch()} />;
  return (
    <>
      <List<ViolationView>
        data-testid="violation-list"
        loading={data.isPending}
        dataSource={data.data?.items ?? []}
        locale={{ emptyText: <span data-testid="violation-list-empty">{t('recycling.violations.none')}</span> }}
        pagination={(data.data?.total ?? 0) > 10 ? { current: page, pageSize: 10, total: data.data?.total ?? 0, onChange: setPage, size: 'small' } : false}
        renderItem={(v) => (
          <List.Item
            key={v.id}
            data-testid={`violation-${v.id}`}
            actions={
              v.mayRevoke
                ? [
                    <Button
                      key="revoke"
                      size="small"
                      onClick={() => {
                        setRevoking(v);
                        setReason('');
                      }}
                      data-testid={`violation-revoke-${v.id}`}
                    >
                      {t('recycling.violations.revoke')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <ViolationStatusTag status={v.status} />
                  <ViolationTypeText type={v.type} />
                  <Typography.Text type="secondary">{v.occurredOn}</Typography.Text>
                  <DemoTag show={v.isDemo} />
                </Space>
              }
              description={
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <span>{v.description}</span>
                  <span>
                    {t('recycling.violations.field.penalty')}：{penaltyText(v.penaltyText, v.penaltyFen)}
                  </span>
                  <span>
                    {t('recycling.violations.field.issuingUnit')}：{v.issuingUnit} · {t('recycling.violations.field.discloseUntil')}：{v.discloseUntil}
                  </span>
                  {v.status === 'revoked' ? (
                    <Typography.Text type="warning">
                      {t('recycling.violations.revoked')}：{v.revokedReason}
                    </Typography.Text>
                  ) : null}
                  {v.evidence.length ? (
                    <EvidenceViewer items={v.evidence.map((e) => ({ ...e, url: evidenceUrl(v.id, e.id) }))} testId={`violation-evidence-${v.id}`} />
                  ) : null}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={revoking !== null}
        title={t('recycling.violations.revoke')}
        okButtonProps={{ disabled: reason.trim().length < 2, loading: busy, danger: true }}
        onCancel={() => setRevoking(null)}
        onOk={async () => {
          if (!revoking) return;
          setBusy(true);
          try {
            await api.post<ViolationView>(`/api/recycling/dealer-violations/${revoking.id}/revoke`, { reason: reason.trim() });
            void qc.invalidateQueries({ queryKey: dealerKeys.all });
            setRevoking(null);
          } catch (e) {
            void message.error(errorMessage(e));
          } finally {
            setBusy(false);
          }
        }}
        data-testid="violation-revoke-modal"
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder={t('recycling.violations.revokeReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
