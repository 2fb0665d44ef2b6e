import { useState } from 'react';
import { App, Button, Input, Modal, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { errorMessage } from '../../../../components/formErrors';
import { testId } from '../../../../components/testId';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import { siteKeys, type SiteDetailView, type SiteMove, type SiteView } from './api';

const MOVES: readonly SiteMove[] = ['startWorks', 'open', 'suspend', 'close'];

/** The status moves the server says the caller may make now, each confirmed with an optional note. */
export function SiteActions({
  site,
  onEdit,
  size = 'small',
}: {
  site: SiteView;
  onEdit?: (site: SiteView, operationsOnly: boolean) => void;
  size?: 'small' | 'middle';
}) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [pending, setPending] = useState<SiteMove | null>(null);
  const [note, setNote] = useState('');
  const move = useMutation({
    mutationFn: (action: SiteMove) =>
      api.post<SiteDetailView>(`/api/recycling/sites/${site.id}/moves`, { action, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: () => {
      void message.success(t('recycling.sites.moved'));
      void qc.invalidateQueries({ queryKey: siteKeys.all });
      setPending(null);
      setNote('');
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const label = (a: SiteMove) => t(`recycling.sites.action.${a}` as MessageKey);
  return (
    <Space wrap size={4}>
      {onEdit && site.actions.includes('update') ? (
        <Button size={size} onClick={() => onEdit(site, false)} data-testid={`site-edit-${site.id}`}>
          {t('recycling.sites.edit')}
        </Button>
      ) : onEdit && site.actions.includes('updateOperations') ? (
        <Button size={size} onClick={() => onEdit(site, true)} data-testid={`site-edit-ops-${site.id}`}>
          {t('recycling.sites.editOperations')}
        </Button>
      ) : null}
      {MOVES.filter((m) => site.actions.includes(m)).map((m) => (
        <Button
          key={m}
          size={size}
          type={m === 'open' ? 'primary' : 'default'}
          danger={m === 'close'}
          onClick={() => setPending(m)}
          data-testid={`site-move-${m}-${site.id}`}
        >
          {label(m)}
        </Button>
      ))}
      <Modal
        open={pending !== null}
        title={pending ? `${label(pending)} · ${site.name}` : ''}
        okText={pending ? label(pending) : ''}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: pending === 'close', loading: move.isPending, ...testId('site-move-confirm') }}
        onOk={() => pending && move.mutate(pending)}
        onCancel={() => setPending(null)}
        destroyOnHidden
      >
        <p>{pending ? t('recycling.sites.moveConfirm', { name: site.name, action: label(pending) }) : null}</p>
        <Input.TextArea
          rows={2}
          maxLength={500}
          placeholder={t('recycling.sites.moveNote')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="site-move-note"
        />
      </Modal>
    </Space>
  );
}
