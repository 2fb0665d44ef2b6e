import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** The title row of a page: its name, an optional line below, and its buttons on the right (wrapping on phones). */
export function PageHeader({ title, subtitle, extra, testId }: { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode; testId?: string }) {
  return (
    <div className="hx-page-header" data-testid={testId}>
      <div className="hx-page-header-text">
        <Typography.Title level={3} className="hx-page-title">
          {title}
        </Typography.Title>
        {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
      </div>
      {extra ? <div className="hx-page-header-extra">{extra}</div> : null}
    </div>
  );
}
