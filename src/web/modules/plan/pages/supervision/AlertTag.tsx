import { Tag, Tooltip } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';
import type { AlertColour } from './api';

const TAG_COLOUR: Record<AlertColour, string> = { red: 'red', yellow: 'gold', blue: 'blue' };

/** An alert's colour as a tag (red / yellow / blue), with its reason on hover; nothing when there is none. */
export function AlertTag({ colour, reason, testId }: { colour: AlertColour | null | undefined; reason?: string | undefined; testId?: string }) {
  const t = useT();
  if (!colour) return <span data-testid={testId} data-colour="none" />;
  const tag = (
    <Tag color={TAG_COLOUR[colour]} data-testid={testId} data-colour={colour}>
      {t(`plan.alert.colour.${colour}`)}
    </Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}
