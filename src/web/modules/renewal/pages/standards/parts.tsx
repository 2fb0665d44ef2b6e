import { Tag } from 'antd';
import type { ClaimStatus } from '../../../../../shared/enums/renewalStandards';
import { useT } from '../../../../i18n/I18nProvider';

const STATUS_COLOURS: Record<ClaimStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  confirmed: 'success',
  returned: 'error',
  withdrawn: 'warning',
};

export function ClaimStatusTag({ status }: { status: ClaimStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid={`claim-status-${status}`}>
      {t(`renewal.std.status.${status}`)}
    </Tag>
  );
}
