import { Tag } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import {
  FIRE_SAFETY_STATUSES,
  RECYCLING_SITE_KINDS,
  RECYCLING_SITE_ORIGINS,
  RECYCLING_SITE_STATUSES,
  STANDARDISATION_STATUSES,
  type RecyclingSiteKind,
  type RecyclingSiteStatus,
} from '../../../../../shared/enums/recycling';
import { useDictionary } from '../../../platform/dictionaries/useDictionary';

export { FIRE_SAFETY_STATUSES, RECYCLING_SITE_KINDS, RECYCLING_SITE_ORIGINS, RECYCLING_SITE_STATUSES, STANDARDISATION_STATUSES };
export type { RecyclingSiteKind, RecyclingSiteStatus };

const STATUS_COLORS: Record<RecyclingSiteStatus, string> = {
  planned: 'default',
  under_construction: 'processing',
  operating: 'success',
  suspended: 'warning',
  closed: 'default',
  banned: 'error',
};

/** Options of a select over one of the shared enums, labelled `recycling.sites.<prefix>.<value>`. */
export function useEnumOptions() {
  const t = useT();
  return <V extends string>(values: readonly V[], prefix: string) =>
    values.map((v) => ({ value: v, label: t(`recycling.sites.${prefix}.${v}` as MessageKey) }));
}

export function SiteStatusTag({ status }: { status: RecyclingSiteStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={`site-status-${status}`}>
      {t(`recycling.sites.status.${status}` as MessageKey)}
    </Tag>
  );
}

export function SiteKindTag({ kind }: { kind: RecyclingSiteKind }) {
  const t = useT();
  return <Tag color="blue">{t(`recycling.sites.kind.${kind}` as MessageKey)}</Tag>;
}

/** Material codes with their labels from the `material_kind` dictionary (a disabled code keeps its code). */
export function Materials({ codes }: { codes: readonly string[] }) {
  const dict = useDictionary('material_kind');
  return (
    <span className="hx-site-materials">
      {codes.map((c) => (
        <Tag key={c}>{dict.labelOf(c)}</Tag>
      ))}
    </span>
  );
}
