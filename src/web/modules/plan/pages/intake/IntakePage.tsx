import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, List, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../../api/client';
import { PageHeader } from '../../../../components/PageHeader';
import { errorMessage } from '../../../../components/formErrors';
import { useT } from '../../../../i18n/I18nProvider';
import { planKeys } from '../../api';
import { getAt, itemForField, patchAt, type IntakeItem, type IntakeResult, type Json } from './draftEdit';

interface ImportResult {
  planId: number;
  created: boolean;
}

const COMPARATORS = ['≥', '>', '≈'] as const;

/** The document with the selected item's span marked, scrolled into view. */
function DocumentView({ text, span }: { text: string; span: { start: number; end: number } | null }) {
  const mark = useRef<HTMLElement>(null);
  const box = useRef<HTMLPreElement>(null);
  // Scroll the document pane only (not the page), so the draft list stays where the user clicked.
  useEffect(() => {
    if (mark.current && box.current) box.current.scrollTop = mark.current.offsetTop - box.current.offsetTop - box.current.clientHeight / 3;
  }, [span]);
  return (
    <pre ref={box} data-testid="intake-document" style={{ whiteSpace: 'pre-wrap', maxHeight: '70vh', overflow: 'auto', fontSize: 13, margin: 0 }}>
      {span ? (
        <>
          {text.slice(0, span.start)}
          <mark ref={mark} data-testid="intake-highlight" style={{ background: '#ffe58f' }}>
            {text.slice(span.start, span.end)}
          </mark>
          {text.slice(span.end)}
        </>
      ) : (
        text
      )}
    </pre>
  );
}

function IndicatorEditor({ node, onApply, onCancel }: { node: Json; onApply: (patch: Json) => void; onCancel: () => void }) {
  const t = useT();
  const targets = (node.targets as { year: number; value: number }[]) ?? [];
  const last = targets[targets.length - 1] ?? { year: new Date().getFullYear(), value: 0 };
  const initial = {
    name: node.name,
    value: last.value,
    unit: node.unit,
    comparator: node.comparator,
    year: last.year,
    units: ((node.units as string[]) ?? []).join('、'),
  };
  return (
    <Form
      layout="vertical"
      size="small"
      initialValues={initial}
      data-testid="intake-editor"
      onFinish={(v: typeof initial) => {
        const rest = targets.slice(0, -1).filter((x) => x.year < Number(v.year));
        onApply({
          name: v.name,
          nameEn: v.name,
          unit: v.unit,
          comparator: v.comparator,
          targets: [...rest, { year: Number(v.year), value: Number(v.value) }],
          units: String(v.units)
            .split(/[、，,]/)
            .map((s) => s.trim())
            .filter(Boolean),
        });
      }}
    >
      <Form.Item name="name" label={t('plan.intake.name')} rules={[{ required: true }]}>
        <Input data-testid="intake-edit-name" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="comparator" label={t('plan.intake.comparator')}>
          <Select style={{ width: 72 }} options={COMPARATORS.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="value" label={t('plan.intake.value')} rules={[{ required: true }]}>
          <InputNumber data-testid="intake-edit-value" />
        </Form.Item>
        <Form.Item name="unit" label={t('plan.intake.unit')} rules={[{ required: true }]}>
          <Input style={{ width: 100 }} data-testid="intake-edit-unit" />
        </Form.Item>
        <Form.Item name="year" label={t('plan.intake.year')} rules={[{ required: true }]}>
          <InputNumber min={1949} max={2100} data-testid="intake-edit-year" />
        </Form.Item>
      </Space>
      <Form.Item name="units" label={t('plan.intake.units')}>
        <Input data-testid="intake-edit-units" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" data-testid="intake-edit-apply">
          {t('plan.intake.save')}
        </Button>
        <Button onClick={onCancel}>{t('plan.intake.cancel')}</Button>
      </Space>
    </Form>
  );
}

/** 方案导入: a plan document in, a reviewed draft out, loaded through the plan import with its validation. */
export default function IntakePage() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [result, setResult] = useState<IntakeResult | null>(null);
  const [draft, setDraft] = useState<Json | null>(null);
  const [selected, setSelected] = useState<IntakeItem | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [lowFirst, setLowFirst] = useState(true);
  const [onlyIndicators, setOnlyIndicators] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Map<string, string[]>>(new Map());
  const [loaded, setLoaded] = useState<{ code: string; planId: number } | null>(null);

  const received = (r: IntakeResult) => {
    setResult(r);
    setDraft(r.draft);
    setSelected(null);
    setFieldErrors(new Map());
    setLoaded(null);
  };
  const parse = useMutation({
    mutationFn: () => api.post<IntakeResult>('/api/plans/intake', { text }),
    onSuccess: received,
    onError: (e) => message.error(errorMessage(e)),
  });
  const upload = useMutation({
    mutationFn: (f: File) => api.upload<IntakeResult>('/api/plans/intake', f),
    onSuccess: received,
    onError: (e) => message.error(errorMessage(e)),
  });
  const load = useMutation({
    mutationFn: () => api.post<ImportResult>('/api/plans/import', draft),
    onSuccess: async (r) => {
      setFieldErrors(new Map());
      const code = typeof draft?.code === 'string' ? draft.code : '';
      setLoaded({ code, planId: r.planId });
      message.success(t('plan.intake.loaded', { code }));
      await qc.invalidateQueries({ queryKey: planKeys.all });
    },
    onError: (e) => {
      if (!(e instanceof ApiError) || !result) return message.error(errorMessage(e));
      const byItem = new Map<string, string[]>();
      for (const d of e.details) {
        const item = itemForField(result.items, d.field);
        const key = item?.path ?? '(root)';
        byItem.set(key, [...(byItem.get(key) ?? []), d.message]);
      }
      setFieldErrors(byItem);
      message.error(t('plan.intake.importErrors'));
    },
  });

  const items = useMemo(() => {
    const list = (result?.items ?? []).filter((i) => !onlyIndicators || i.kind === 'indicator');
    return lowFirst ? [...list].sort((a, b) => a.confidence - b.confidence) : list;
  }, [result, lowFirst, onlyIndicators]);

  const describe = (item: IntakeItem): string => {
    const node = draft && item.kind === 'indicator' ? getAt(draft, item.path) : undefined;
    if (!node) return item.label;
    const targets = (node.targets as { year: number; value: number }[]).map(
      (x) => `${x.year}: ${item.comparator ?? node.comparator}${x.value}${String(node.unit)}`,
    );
    return `${String(node.name)} — ${targets.join('；')}`;
  };

  return (
    <>
      <PageHeader title={t('nav.planIntake')} />
      <Typography.Paragraph type="secondary">{t('plan.intake.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Input.TextArea
          data-testid="intake-text"
          rows={6}
          value={text}
          placeholder={t('plan.intake.textPlaceholder')}
          onChange={(e) => setText(e.target.value)}
        />
        <Space wrap style={{ marginTop: 8 }}>
          <Button type="primary" data-testid="intake-parse" loading={parse.isPending} disabled={!text.trim()} onClick={() => parse.mutate()}>
            {t('plan.intake.parse')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            hidden
            accept=".docx,.pdf,.txt"
            data-testid="intake-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) upload.mutate(f);
            }}
          />
          <Button icon={<UploadOutlined />} loading={upload.isPending} onClick={() => fileInput.current?.click()}>
            {t('plan.intake.upload')}
          </Button>
        </Space>
      </Card>
      {result && draft && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('plan.intake.document')}>
              <DocumentView text={result.text} span={selected?.span ?? null} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card
              size="small"
              title={`${t('plan.intake.draft')} · ${String(draft.docNumber)}`}
              extra={
                <Button type="primary" data-testid="intake-load" loading={load.isPending} onClick={() => load.mutate()}>
                  {t('plan.intake.load')}
                </Button>
              }
            >
              {loaded && (
                <Alert
                  type="success"
                  showIcon
                  style={{ marginBottom: 8 }}
                  data-testid="intake-loaded"
                  message={t('plan.intake.loaded', { code: loaded.code })}
                  action={
                    <Link to={`/plan/tree?planId=${loaded.planId}`} data-testid="intake-open-tree">
                      {t('plan.intake.openTree')}
                    </Link>
                  }
                />
              )}
              {fieldErrors.get('(root)') && <Alert type="error" style={{ marginBottom: 8 }} message={fieldErrors.get('(root)')!.join('；')} />}
              {result.warnings.length > 0 && (
                <Alert
                  type="warning"
                  style={{ marginBottom: 8 }}
                  data-testid="intake-warnings"
                  message={t('plan.intake.warnings', { count: result.warnings.length })}
                  description={
                    <ul style={{ margin: 0, paddingLeft: 16, maxHeight: 120, overflow: 'auto' }}>
                      {result.warnings.map((w, i) => (
                        <li key={i}>
                          <a
                            onClick={() =>
                              setSelected(
                                result.items.find((x) => x.path === w.path) ??
                                  (w.span ? { path: '', kind: 'field', label: '', span: w.span, confidence: 0 } : null),
                              )
                            }
                          >
                            {w.message}
                          </a>
                        </li>
                      ))}
                    </ul>
                  }
                />
              )}
              <Space wrap style={{ marginBottom: 8 }}>
                <Switch checked={lowFirst} onChange={setLowFirst} data-testid="intake-low-first" /> {t('plan.intake.lowFirst')}
                <Switch checked={onlyIndicators} onChange={setOnlyIndicators} /> {t('plan.intake.onlyIndicators')}
              </Space>
              <List
                size="small"
                style={{ maxHeight: '60vh', overflow: 'auto' }}
                dataSource={items}
                renderItem={(item) => {
                  const errors = [...fieldErrors].filter(([p]) => p === item.path).flatMap(([, m]) => m);
                  return (
                    <List.Item
                      data-testid="intake-item"
                      data-confidence={item.confidence}
                      data-path={item.path}
                      style={{ cursor: 'pointer', background: selected?.path === item.path ? '#e6f4ff' : undefined, display: 'block' }}
                      onClick={() => setSelected(item)}
                    >
                      <Space wrap size={4}>
                        <Tag>{t(`plan.intake.kind.${item.kind}`)}</Tag>
                        <Tag color={item.confidence < 0.7 ? 'orange' : 'green'}>{t('plan.intake.confidence', { value: item.confidence.toFixed(2) })}</Tag>
                        <span>{describe(item)}</span>
                        {item.kind === 'indicator' && (
                          <Button
                            size="small"
                            type="link"
                            data-testid="intake-item-edit"
                            onClick={(e) => {
                              e.stopPropagation();
                              setEditing(item.path);
                            }}
                          >
                            {t('plan.intake.edit')}
                          </Button>
                        )}
                      </Space>
                      {errors.length > 0 && (
                        <Typography.Text type="danger" data-testid="intake-item-error" style={{ display: 'block' }}>
                          {errors.join('；')}
                        </Typography.Text>
                      )}
                      {editing === item.path && (
                        <div onClick={(e) => e.stopPropagation()} style={{ marginTop: 8 }}>
                          <IndicatorEditor
                            node={getAt(draft, item.path) ?? {}}
                            onCancel={() => setEditing(null)}
                            onApply={(patch) => {
                              setDraft(patchAt(draft, item.path, patch));
                              setEditing(null);
                            }}
                          />
                        </div>
                      )}
                    </List.Item>
                  );
                }}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
