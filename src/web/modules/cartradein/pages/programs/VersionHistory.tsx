import type { ReactNode } from 'react';
import { Drawer, Skeleton, Tag, Timeline, Typography } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { LoadError } from '../../../../components/ResultPages';
import { formatDateTime } from '../../../../components/format';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { EmptyState } from '../../components';

interface Version {
  id: number;
  version: number;
  current: boolean;
  createdAt: string;
}

/**
 * A programme's versioned record (its rule, its budget split) version by version, newest first: the number, the
 * current one marked, when, and what it held. Loading, error and empty states once for both.
 */
export function VersionHistory<V extends Version>({
  title,
  history,
  emptyText,
  testId,
  width,
  onClose,
  children,
}: {
  title: string;
  history: UseQueryResult<V[]>;
  emptyText: string;
  /** The drawer's test id; each version is `<testId without -drawer>-version-<n>`. */
  testId: string;
  width: number;
  onClose: () => void;
  /** What the version held. */
  children: (v: V) => ReactNode;
}) {
  const t = useT();
  const isPhone = useIsPhone();
  const prefix = testId.replace(/-history-drawer$/, '');
  return (
    <Drawer open onClose={onClose} title={title} size={isPhone ? '100%' : width} data-testid={testId}>
      {history.isPending ? (
        <Skeleton active />
      ) : history.isError ? (
        <LoadError error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <EmptyState text={emptyText} />
      ) : (
        <Timeline
          items={history.data.map((v) => ({
            key: v.id,
            color: v.current ? 'blue' : 'gray',
            content: (
              <div data-testid={`${prefix}-version-${v.version}`}>
                <Typography.Text strong>{t('car.admin.versionN', { v: v.version })}</Typography.Text>{' '}
                {v.current ? <Tag color="blue">{t('car.admin.current')}</Tag> : null}
                <div>
                  <Typography.Text type="secondary">{formatDateTime(v.createdAt)}</Typography.Text>
                </div>
                {children(v)}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
