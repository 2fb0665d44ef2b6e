import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useIsPhone } from '../components/useMediaQuery';
import { Brand } from './Brand';

/** The frame of the pages one sees before signing in: the emblem bar, a card in the middle, the footer. */
export function PublicFrame({
  title,
  intro,
  children,
  width = 520,
  testId,
  bare = false,
}: {
  title?: ReactNode;
  intro?: ReactNode;
  children: ReactNode;
  width?: number;
  testId?: string;
  /** The children bring their own card (the sign-in page). */
  bare?: boolean;
}) {
  const t = useT();
  const isPhone = useIsPhone();
  return (
    <div className="hx-public" data-testid={testId}>
      <header className="hx-public-bar">
        <Brand compact={isPhone} />
        <LanguageSwitch />
      </header>
      <main className="hx-public-main">
        {bare ? (
          children
        ) : (
          <Card className="hx-public-card" style={{ maxWidth: width }} variant="borderless">
            {title ? (
              <Typography.Title level={3} className="hx-public-title">
                {title}
              </Typography.Title>
            ) : null}
            {intro ? <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph> : null}
            {children}
          </Card>
        )}
      </main>
      <footer className="hx-public-footer">
        <div>{t('app.owner')}</div>
        <div>{t('app.plan')}</div>
      </footer>
    </div>
  );
}
