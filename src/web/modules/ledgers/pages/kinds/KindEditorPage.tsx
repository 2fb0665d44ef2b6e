import { useMemo, useState } from 'react';
import { Alert, Anchor, App, Button, Form, Input, Skeleton, Space, Tabs, Tag } from 'antd';
import { BarChartOutlined, DatabaseOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../../api/client';
import { useUser } from '../../../../auth/AuthProvider';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { fetchKind, KIND_PAGES, useDictionaryList, useKind, useSaveKind, type KindView } from './api';
import { BasicsSection } from './BasicsSection';
import { EditorContext } from './editorContext';
import { pathInWords, placeProblems, type PlacedProblem } from './editorErrors';
import { EventsSection } from './EventsSection';
import { FieldsSection } from './FieldsSection';
import { definitionToForm, emptyForm, formToDefinition, type KindForm } from './formModel';
import { MetricsSection } from './MetricsSection';
import { useBrowserCheck } from './precheck';
import { RuleSection } from './RuleSection';
import { VersionsPanel } from './VersionsPanel';
import './kinds.css';

/** `/ledgers/kinds/new` and `/ledgers/kinds/:id/definition`: one page, a kind's definition or a new one. */
export default function KindEditorPage() {
  const { id } = useParams();
  const kindId = id ? Number(id) : null;
  const kind = useKind(kindId);
  if (kindId === null) return <KindEditor kind={null} />;
  if (kind.isPending) return <Skeleton active />;
  if (kind.isError) return <LoadError error={kind.error} onRetry={() => void kind.refetch()} />;
  return <KindEditor key={kind.data.id} kind={kind.data} />;
}

/**
 * The definition editor: every section on one page (a phone scrolls through them; the anchors jump), saved as a
 * whole. The browser checks the definition as the server will first; what the server still finds goes on the
 * inputs at its path and into the list at the top, named in words.
 */
function KindEditor({ kind }: { kind: KindView | null }) {
  const t = useT();
  const { locale } = useLocale();
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const save = useSaveKind();
  const check = useBrowserCheck();
  const [form] = Form.useForm<KindForm>();
  const [base, setBase] = useState<KindView | null>(kind);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ title: string; problems: PlacedProblem[] } | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const mayList = user.role === 'office' || user.role === 'admin' || user.role === 'auditor';
  const dictionaryList = useDictionaryList(mayList);
  const readOnly = base ? !base.canDefine : !(user.role === 'office' || user.role === 'department');
  const kindCode = (Form.useWatch('code', { form, preserve: true }) as string | undefined) ?? base?.code ?? '';
  const settings = useMemo(
    () => ({
      readOnly,
      dictionaries: (dictionaryList.data ?? []).map((d) => ({ value: d.code, label: `${d.code} · ${locale === 'en' ? d.nameEn : d.nameZh}` })),
    }),
    [readOnly, dictionaryList.data, locale],
  );
  const initial = useMemo<KindForm>(
    () =>
      kind
        ? definitionToForm(kind.definition, kind.code, kind.keeper.id)
        : { ...emptyForm(), ...(user.role === 'department' ? { keeperOrganizationId: user.organization.id } : {}) },
    [kind, user.role, user.organization.id],
  );

  function showProblems(title: string, problems: { path: string; message: string }[]) {
    const placed = placeProblems(form, problems);
    setFailure({ title, problems: placed });
    const first = placed.find((p) => p.name);
    if (first?.name) form.scrollToField(first.name, { block: 'center' });
    else document.getElementById('kind-errors-anchor')?.scrollIntoView({ block: 'start' });
  }

  async function submit() {
    setFailure(null);
    setConflict(null);
    try {
      await form.validateFields();
    } catch (e) {
      const fields = (e as { errorFields?: { name: (string | number)[]; errors: string[] }[] }).errorFields ?? [];
      setFailure({ title: t('ledgers.kinds.fixFirst'), problems: fields.map((f) => ({ path: f.name.join('.'), message: f.errors[0] ?? '', name: f.name })) });
      if (fields[0]) form.scrollToField(fields[0].name, { block: 'center' });
      return;
    }
    const values = form.getFieldsValue(true) as KindForm;
    const checked = check(formToDefinition(values), base?.definition ?? null);
    if (!checked.definition) return showProblems(t('ledgers.kinds.fixFirst'), checked.problems);
    const definition = checked.definition;
    setSaving(true);
    try {
      const note = values.note?.trim() || undefined;
      const saved = base
        ? await save(base.id, { baseVersion: base.version, definition, ...(note ? { note } : {}) })
        : await save(null, { code: values.code ?? '', keeperOrganizationId: values.keeperOrganizationId ?? 0, definition, ...(note ? { note } : {}) });
      if (!base) {
        void message.success(t('ledgers.kinds.created'));
        void navigate(KIND_PAGES.definition(saved.id), { replace: true });
        return;
      }
      const unchanged = saved.version === base.version;
      const words = unchanged ? t('ledgers.kinds.unchanged') : t('ledgers.kinds.savedVersion', { v: saved.version });
      const ruleChanged = JSON.stringify(saved.definition.oldRule) !== JSON.stringify(base.definition.oldRule);
      const reevaluated = ruleChanged ? t('ledgers.kinds.reevaluated', { n: saved.reevaluated ?? 0 }) : '';
      void message.success(reevaluated ? `${words}；${reevaluated}` : words);
      setBase(saved);
      form.setFieldsValue(definitionToForm(saved.definition, saved.code, saved.keeper.id));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') return setConflict(e.message);
      if (e instanceof ApiError && e.details.length)
        return showProblems(
          e.message,
          e.details.map((d) => ({ path: d.field, message: d.message })),
        );
      setFailure({ title: e instanceof Error ? e.message : String(e), problems: [] });
    } finally {
      setSaving(false);
    }
  }

  /** Starts again from the version someone else saved meanwhile (this page's changes are dropped). */
  async function reload() {
    if (!base) return;
    const fresh = await fetchKind(base.id);
    setBase(fresh);
    setConflict(null);
    setFailure(null);
    form.resetFields();
    form.setFieldsValue(definitionToForm(fresh.definition, fresh.code, fresh.keeper.id));
  }

  const name = base ? (locale === 'en' ? base.definition.name.en : base.definition.name.zh) : t('ledgers.kinds.newTitle');
  const values = form.getFieldsValue(true) as KindForm;
  const body = (
    <>
      {readOnly ? <Alert type="info" showIcon title={t('ledgers.kinds.readOnly')} className="hx-form-alert" data-testid="kind-read-only" /> : null}
      <Anchor
        direction="horizontal"
        className="hx-ledger-anchor"
        targetOffset={120}
        items={[
          { key: 'basics', href: '#kind-basics', title: t('ledgers.kinds.section.basics') },
          { key: 'fields', href: '#kind-fields', title: t('ledgers.kinds.section.fields') },
          { key: 'rule', href: '#kind-rule', title: t('ledgers.kinds.section.rule') },
          { key: 'events', href: '#kind-events', title: t('ledgers.kinds.section.events') },
          { key: 'metrics', href: '#kind-metrics', title: t('ledgers.kinds.section.metrics') },
        ]}
      />
      <div id="kind-errors-anchor" />
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          className="hx-form-alert"
          title={t('ledgers.kinds.conflict')}
          description={conflict}
          data-testid="kind-conflict"
          action={
            <Button size="small" onClick={() => void reload()} data-testid="kind-reload">
              {t('ledgers.kinds.reloadLatest')}
            </Button>
          }
        />
      ) : null}
      {failure ? (
        <Alert
          type="error"
          showIcon
          className="hx-form-alert"
          title={failure.title}
          data-testid="kind-errors"
          description={
            failure.problems.length ? (
              <ul className="hx-ledger-error-list">
                {failure.problems.map((p, i) => (
                  <li key={i}>
                    {p.name ? (
                      <a onClick={() => form.scrollToField(p.name!, { block: 'center' })}>{pathInWords(p.path, values, t)}</a>
                    ) : (
                      <strong>{pathInWords(p.path, values, t)}</strong>
                    )}
                    ：{p.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      <Form<KindForm> form={form} layout="vertical" initialValues={initial} disabled={readOnly} onFinish={() => void submit()} className="hx-ledger-editor">
        <BasicsSection isNew={!base} keeperName={base?.keeper.name} />
        <FieldsSection />
        <RuleSection />
        <EventsSection />
        <MetricsSection kindCode={kindCode} />
        {readOnly ? null : (
          <div className="hx-ledger-savebar">
            <Form.Item name="note" className="hx-ledger-note" label={t('ledgers.kinds.note')}>
              <Input maxLength={500} placeholder={t('ledgers.kinds.notePlaceholder')} data-testid="kind-note" />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="kind-save">
              {base ? t('ledgers.kinds.saveVersion') : t('ledgers.kinds.create')}
            </Button>
          </div>
        )}
      </Form>
    </>
  );
  return (
    <EditorContext.Provider value={settings}>
      <div data-testid="page-ledger-kind-editor">
        <PageHeader
          title={
            <Space size={8} wrap>
              {name}
              {base ? <Tag data-testid="kind-version">{t('ledgers.kinds.versionN', { v: base.version })}</Tag> : null}
            </Space>
          }
          subtitle={base ? `${base.code} · ${base.keeper.name}` : t('ledgers.kinds.newSubtitle')}
          extra={
            base ? (
              <Space wrap size={4}>
                <Link to={KIND_PAGES.assets(base.id)}>
                  <Button icon={<DatabaseOutlined />}>{t('ledgers.kinds.assets')}</Button>
                </Link>
                <Link to={KIND_PAGES.overview(base.id)}>
                  <Button icon={<BarChartOutlined />}>{t('ledgers.kinds.overview')}</Button>
                </Link>
                {base.canWrite ? (
                  <Link to={KIND_PAGES.import(base.id)}>
                    <Button icon={<UploadOutlined />}>{t('ledgers.kinds.import')}</Button>
                  </Link>
                ) : null}
              </Space>
            ) : null
          }
        />
        {base ? (
          <Tabs
            className="hx-ledger-editor-tabs"
            items={[
              { key: 'definition', label: t('ledgers.kinds.tab.definition'), children: body },
              { key: 'versions', label: t('ledgers.kinds.tab.versions'), children: <VersionsPanel kindId={base.id} kindCode={base.code} /> },
            ]}
          />
        ) : (
          body
        )}
      </div>
    </EditorContext.Provider>
  );
}
