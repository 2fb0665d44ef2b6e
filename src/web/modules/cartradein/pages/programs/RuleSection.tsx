import { useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, Space, Tag, Typography } from 'antd';
import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../../api/client';
import { applyApiError } from '../../../../components/formErrors';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { ruleInWords, WordList } from '../../components';
import { carAdminKeys, useCarRuleHistory, type CarProgramView, type CarRule } from '../../api';
import { RuleFields } from './RuleFields';
import { formToRule, ruleAliases, ruleToForm, type RuleForm } from './ruleForm';
import { VersionHistory } from './VersionHistory';

/** A rule in plain words, as residents read it on the programmes page. */
export function RuleInWords({ rule, testId }: { rule: CarRule; testId?: string }) {
  const t = useT();
  const { locale } = useLocale();
  const w = ruleInWords(t, locale, rule);
  return (
    <div className="hx-car-rule-words" data-testid={testId}>
      <div>
        <Typography.Text strong>{t('car.programs.amount')}</Typography.Text>
        <WordList items={w.amounts} />
      </div>
      <div>
        <Typography.Text strong>{t('car.programs.oldCar')}</Typography.Text>
        <WordList items={w.oldCar} />
      </div>
      <div>
        <Typography.Text strong>{t('car.programs.newCar')}</Typography.Text>
        <WordList items={w.newCar} />
      </div>
      <div>
        <Typography.Text strong>{t('car.programs.evidence')}</Typography.Text>
        <WordList items={w.evidence} />
        <Typography.Text type="secondary">{w.deadlines}</Typography.Text>
      </div>
    </div>
  );
}

/**
 * The programme's current rule with its version, the editor for a new version (optimistic: the version it was
 * loaded from is sent, and a newer one saved meanwhile is a conflict to reload), and every earlier version.
 */
export function RuleSection({ program, canEdit }: { program: CarProgramView; canEdit: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [history, setHistory] = useState(false);
  return (
    <Card
      title={
        <Space wrap size={4}>
          {t('car.admin.rule')}
          <Tag data-testid="car-rule-version">{t('car.admin.versionN', { v: program.ruleVersion })}</Tag>
        </Space>
      }
      extra={
        <Space wrap size={4}>
          {canEdit ? (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="car-rule-edit">
              {t('car.admin.editRule')}
            </Button>
          ) : null}
          <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistory(true)} data-testid="car-rule-history">
            {t('car.admin.history')}
          </Button>
        </Space>
      }
      className="hx-block"
    >
      <Alert type="info" showIcon title={t('car.admin.ruleVersionNote')} className="hx-form-alert" />
      <RuleInWords rule={program.rule} testId="car-rule-current" />
      {editing ? <RuleEditor program={program} onClose={() => setEditing(false)} /> : null}
      {history ? <RuleHistory program={program} onClose={() => setHistory(false)} /> : null}
    </Card>
  );
}

function RuleEditor({ program, onClose }: { program: CarProgramView; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ rule: RuleForm; note?: string }>();
  const [base, setBase] = useState(program);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const bands = (Form.useWatch(['rule', 'amounts'], form) as unknown[] | undefined)?.length ?? 0;

  async function save(v: { rule: RuleForm; note?: string }) {
    setSaving(true);
    setError(null);
    try {
      const saved = await api.put<CarProgramView>(`/api/tradein/car-programs/${program.id}/rule`, {
        rule: formToRule(v.rule),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        baseVersion: base.ruleVersion,
      });
      message.success(saved.ruleVersion === base.ruleVersion ? t('car.admin.ruleUnchanged') : t('car.admin.ruleSaved', { v: saved.ruleVersion }));
      void qc.invalidateQueries({ queryKey: ['cartradein', 'programs'] });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        setStale(true);
        setError(e.message);
        return;
      }
      setError(applyApiError(form, e, ruleAliases(bands)));
    } finally {
      setSaving(false);
    }
  }

  /** Starts the edit again from the version saved meanwhile. */
  async function reload() {
    const fresh = await api.get<CarProgramView>(`/api/tradein/car-programs/${program.id}`);
    setBase(fresh);
    setStale(false);
    setError(null);
    form.setFieldsValue({ rule: ruleToForm(fresh.rule), note: '' });
    void qc.invalidateQueries({ queryKey: carAdminKeys.program(program.id) });
  }

  return (
    <Drawer
      open
      onClose={onClose}
      title={t('car.admin.editRuleTitle', { name: program.name })}
      size={isPhone ? '100%' : 760}
      data-testid="car-rule-editor"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="car-rule-save">
            {t('car.admin.saveVersion')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('car.admin.editingFrom', { v: base.ruleVersion })}</Typography.Paragraph>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error}
          className="hx-form-alert"
          data-testid="car-rule-error"
          action={
            stale ? (
              <Button size="small" onClick={() => void reload()} data-testid="car-rule-reload">
                {t('common.reload')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ rule: ruleToForm(program.rule), note: '' }} onFinish={(v) => void save(v)} scrollToFirstError>
        <RuleFields />
        <Form.Item name="note" label={t('car.admin.ruleNote')} extra={t('car.admin.ruleNoteHelp')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="car-rule-note" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function RuleHistory({ program, onClose }: { program: CarProgramView; onClose: () => void }) {
  const t = useT();
  return (
    <VersionHistory
      title={t('car.admin.historyOf', { name: program.name })}
      history={useCarRuleHistory(program.id)}
      emptyText={t('car.admin.noHistory')}
      testId="car-rule-history-drawer"
      width={560}
      onClose={onClose}
    >
      {(v) => (
        <>
          {v.note ? <Typography.Paragraph>{v.note}</Typography.Paragraph> : null}
          <RuleInWords rule={v.rule} />
        </>
      )}
    </VersionHistory>
  );
}
