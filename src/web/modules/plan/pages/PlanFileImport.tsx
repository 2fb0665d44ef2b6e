import { useRef } from 'react';
import { App as AntApp, Button } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { errorMessage } from '../../../components/formErrors';
import { useT } from '../../../i18n/I18nProvider';
import { planKeys } from '../api';

interface ImportResult {
  planId: number;
  created: boolean;
  changed: boolean;
  revisions: number;
}

/**
 * Loads a plan file, the JSON that "Export plan file" writes: a new plan, or a new version of a loaded one (same
 * code) with its revisions. This is how a plan moves between installations or is restored after an edit gone wrong.
 */
export function PlanFileImport({ onLoaded }: { onLoaded?: (planId: number) => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const load = useMutation({
    mutationFn: async (file: File) => {
      let body: unknown;
      try {
        body = JSON.parse(await file.text());
      } catch {
        throw new Error(t('plan.tree.importNotJson'));
      }
      return api.post<ImportResult>('/api/plans/import', body);
    },
    onSuccess: async (r) => {
      message.success(
        r.created ? t('plan.tree.importCreated') : r.changed ? t('plan.tree.importChanged', { revisions: r.revisions }) : t('plan.tree.importUnchanged'),
      );
      await qc.invalidateQueries({ queryKey: planKeys.all });
      onLoaded?.(r.planId);
    },
    onError: (e: unknown) => message.error(errorMessage(e)),
  });
  return (
    <>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="plan-import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) load.mutate(file);
        }}
      />
      <Button icon={<UploadOutlined />} loading={load.isPending} onClick={() => input.current?.click()} data-testid="plan-import">
        {t('plan.tree.importFile')}
      </Button>
    </>
  );
}
