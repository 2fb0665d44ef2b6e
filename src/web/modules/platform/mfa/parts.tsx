import { App, Button, Form, Input, Space, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/I18nProvider';

/** What the server answers when an enrolment starts (POST /api/mfa/enrol, /api/auth/login/mfa/enrol). */
export interface Enrolment {
  secret: string;
  otpauthUri: string;
}

/** The key grouped in fours, as people type it into an authenticator. (No QR library is installed, so no QR code.) */
export const groupedSecret = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

export function SecretView({ enrolment }: { enrolment: Enrolment }) {
  const t = useT();
  return (
    <div data-testid="mfa-enrolment">
      <Typography.Paragraph>{t('mfa.step1')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t('mfa.secret')}：</Typography.Text>
        <Typography.Text code copyable={{ text: enrolment.secret }} style={{ fontSize: 18, letterSpacing: 1 }} data-testid="mfa-secret">
          {groupedSecret(enrolment.secret)}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t('mfa.uri')}：</Typography.Text>
        <br />
        <Typography.Link href={enrolment.otpauthUri} copyable={{ text: enrolment.otpauthUri }} style={{ wordBreak: 'break-all' }} data-testid="mfa-uri">
          {enrolment.otpauthUri}
        </Typography.Link>
      </Typography.Paragraph>
      <Typography.Paragraph type="warning">{t('mfa.secretOnce')}</Typography.Paragraph>
    </div>
  );
}

/** One 6-digit code field with its rule (the server checks it again). */
export function CodeField({ name = 'code', testId }: { name?: string; testId: string }) {
  const t = useT();
  return (
    <Form.Item
      name={name}
      label={t('mfa.code')}
      rules={[
        { required: true, message: t('common.required') },
        { pattern: /^\d{6}$/, message: t('mfa.codeRule') },
      ]}
    >
      <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ maxWidth: 200 }} data-testid={testId} />
    </Form.Item>
  );
}

/** The recovery codes, shown once, with copy and download. */
export function RecoveryCodesView({ codes }: { codes: string[] }) {
  const t = useT();
  const { message } = App.useApp();
  const text = codes.join('\n');
  const download = () => {
    const url = URL.createObjectURL(new Blob([`焕新 Huanxin — ${t('mfa.recoveryTitle')}\n\n${text}\n`], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'huanxin-recovery-codes.txt';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div data-testid="mfa-recovery-codes">
      <Typography.Title level={5}>{t('mfa.recoveryTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('mfa.recoveryText')}</Typography.Paragraph>
      <ol className="hx-mfa-codes" style={{ columns: 2, fontFamily: 'monospace', fontSize: 16, maxWidth: 360 }}>
        {codes.map((c) => (
          <li key={c} data-testid="mfa-recovery-code">
            {c}
          </li>
        ))}
      </ol>
      <Space wrap>
        <Button
          icon={<CopyOutlined />}
          onClick={() =>
            void navigator.clipboard
              ?.writeText(text)
              .then(() => message.success(t('mfa.copied')))
              .catch(() => undefined)
          }
        >
          {t('mfa.copy')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={download} data-testid="mfa-recovery-download">
          {t('mfa.download')}
        </Button>
      </Space>
    </div>
  );
}
