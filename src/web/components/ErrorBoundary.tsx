import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result, Typography } from 'antd';
import { format } from '../i18n/messages';
import { storedLocale } from '../i18n/I18nProvider';

interface State {
  error: Error | null;
}

/**
 * Catches a page that throws while rendering and shows a calm error page instead of a blank screen. `resetKey`
 * (the current path) clears the error when the user navigates elsewhere.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Page crashed', error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: string }): void {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    // Outside the i18n context on purpose: the provider itself may be what failed.
    const locale = storedLocale() ?? 'zh-CN';
    return (
      <Result
        status="500"
        title={format(locale, 'error.crash.title')}
        subTitle={format(locale, 'error.crash.text')}
        data-testid="page-error"
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {format(locale, 'common.reload')}
          </Button>
        }
      >
        <Typography.Paragraph code className="hx-error-detail">
          {error.message}
        </Typography.Paragraph>
      </Result>
    );
  }
}
