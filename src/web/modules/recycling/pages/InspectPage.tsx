import { useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Select, Space, Typography, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../../api/client';
import type { Attachment } from '../../../api/types';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import {
  CHECKLIST_ANSWERS,
  INSPECTION_RESULTS,
  INSPECTIONS_PATH,
  inspectionKeys,
  useChecklist,
  type ChecklistAnswer,
  type InspectionDetailView,
  type InspectionInput,
  type InspectionResult,
  type SiteOption,
} from './inspections/api';
import { PhotoUpload } from './inspections/parts';
import './inspections/inspections.css';

/** Shanghai today, as the date input's lowest rectify-by bound (the server checks it too). */
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

interface Answer {
  answer?: ChecklistAnswer;
  note?: string;
}

/**
 * Recording an inspection at the site, on a phone: pick the site, go through the checklist with big toggles (a
 * failed item takes a note), findings, photos from the camera, and the result — rectify with its date, or ban.
 * The server refuses what is wrong field by field; those reasons are shown under the fields.
 */
export default function InspectPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const checklist = useChecklist();
  const [q, setQ] = useState('');
  const sites = useQuery({
    queryKey: inspectionKeys.sites(q),
    queryFn: ({ signal }) => api.get<SiteOption[]>('/api/recycling/inspections/site-options', { q: q || undefined }, signal),
  });
  const [siteId, setSiteId] = useState<number | undefined>();
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [findings, setFindings] = useState('');
  const [photos, setPhotos] = useState<Attachment[]>([]);
  const [result, setResult] = useState<InspectionResult | undefined>();
  const [rectifyBy, setRectifyBy] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const items = useMemo(() => checklist.data?.items ?? [], [checklist.data]);
  const unanswered = items.filter((i) => !answers[i.code]?.answer).length;
  const setAnswer = (code: string, patch: Answer) => setAnswers((a) => ({ ...a, [code]: { ...a[code], ...patch } }));

  const save = useMutation({
    mutationFn: (body: InspectionInput) => api.post<InspectionDetailView>('/api/recycling/inspections', body),
    onSuccess: (v) => {
      void message.success(t('recycling.insp.recorded'));
      void qc.invalidateQueries({ queryKey: inspectionKeys.all });
      void navigate(`${INSPECTIONS_PATH}?open=${v.id}`);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.details.length) {
        setErrors(Object.fromEntries(e.details.map((d) => [d.field, d.message])));
        setFormError(e.code === 'VALIDATION_FAILED' ? null : e.message);
      } else setFormError(e instanceof Error ? e.message : String(e));
    },
  });

  const submit = () => {
    setErrors({});
    setFormError(null);
    if (!checklist.data || siteId === undefined || !result) {
      setErrors({ ...(siteId === undefined ? { siteId: t('recycling.insp.sitePick') } : {}), ...(!result ? { result: t('recycling.insp.result') } : {}) });
      return;
    }
    save.mutate({
      siteId,
      checklistVersion: checklist.data.version,
      answers: items.flatMap((i) => {
        const a = answers[i.code];
        return a?.answer ? [{ item: i.code, answer: a.answer, ...(a.note ? { note: a.note } : {}) }] : [];
      }),
      findings,
      photos: photos.map((p) => p.id),
      result,
      ...(result === 'rectify' && rectifyBy ? { rectifyBy } : {}),
    });
  };
  const err = (field: string) => (errors[field] ? { validateStatus: 'error' as const, help: errors[field] } : {});
  const itemError = (index: number) => errors[`answers.${index}.note`] ?? errors[`answers.${index}.item`];

  if (checklist.isError) return <LoadError error={checklist.error} onRetry={() => void checklist.refetch()} />;
  return (
    <div data-testid="page-recycling-inspect" className="hx-insp-form">
      <PageHeader title={t('nav.recyclingInspect')} subtitle={t('nav.recyclingInspect.desc')} />
      {formError ? <Alert type="error" showIcon message={formError} data-testid="inspect-error" style={{ marginBottom: 12 }} /> : null}
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label={t('recycling.insp.site')} required {...err('siteId')}>
          <Select<number>
            showSearch={{ filterOption: false, onSearch: setQ }}
            size="large"
            value={siteId}
            onChange={setSiteId}
            placeholder={t('recycling.insp.sitePick')}
            loading={sites.isFetching}
            notFoundContent={sites.isFetching ? null : t('recycling.insp.none')}
            options={(sites.data ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.code} · ${s.townName}` }))}
            data-testid="inspect-site"
          />
        </Form.Item>
        <Typography.Title level={5}>{t('recycling.insp.checklist', { version: checklist.data?.version ?? '…' })}</Typography.Title>
        {errors.answers ? <Alert type="error" message={errors.answers} style={{ marginBottom: 8 }} /> : null}
        {errors.checklistVersion ? <Alert type="error" message={errors.checklistVersion} style={{ marginBottom: 8 }} /> : null}
        <Space direction="vertical" style={{ width: '100%' }} size={8}>
          {items.map((i, index) => {
            const a = answers[i.code];
            return (
              <Card size="small" key={i.code} data-testid={`inspect-item-${i.code}`} className={a?.answer === 'not_ok' ? 'hx-insp-item-bad' : undefined}>
                <div className="hx-insp-item-label">{i.label[locale]}</div>
                <Typography.Text type="secondary" className="hx-insp-item-hint">
                  {i.hint[locale]}
                </Typography.Text>
                <Radio.Group
                  className="hx-insp-toggle"
                  optionType="button"
                  buttonStyle="solid"
                  size="large"
                  value={a?.answer}
                  onChange={(e) => setAnswer(i.code, { answer: e.target.value as ChecklistAnswer })}
                  options={CHECKLIST_ANSWERS.map((v) => ({
                    value: v,
                    label: <span data-testid={`inspect-item-${i.code}-${v}`}>{t(`recycling.insp.answer.${v}`)}</span>,
                  }))}
                />
                {a?.answer === 'not_ok' ? (
                  <Input
                    className="hx-insp-note"
                    placeholder={t('recycling.insp.note')}
                    maxLength={500}
                    value={a.note}
                    onChange={(e) => setAnswer(i.code, { note: e.target.value })}
                    status={itemError(index) ? 'error' : undefined}
                    data-testid={`inspect-item-${i.code}-note`}
                  />
                ) : null}
                {itemError(index) ? <Typography.Text type="danger">{itemError(index)}</Typography.Text> : null}
              </Card>
            );
          })}
        </Space>
        <Form.Item label={t('recycling.insp.findings')} style={{ marginTop: 16 }} {...err('findings')}>
          <Input.TextArea rows={3} maxLength={4000} value={findings} onChange={(e) => setFindings(e.target.value)} data-testid="inspect-findings" />
        </Form.Item>
        <Form.Item label={t('recycling.insp.photos')} {...err('photos.0')}>
          <PhotoUpload value={photos} onChange={setPhotos} testId="inspect-photos" />
        </Form.Item>
        <Form.Item label={t('recycling.insp.result')} required {...err('result')}>
          <Radio.Group
            className="hx-insp-toggle"
            optionType="button"
            buttonStyle="solid"
            size="large"
            value={result}
            onChange={(e) => setResult(e.target.value as InspectionResult)}
            options={INSPECTION_RESULTS.map((r) => ({ value: r, label: <span data-testid={`inspect-result-${r}`}>{t(`recycling.insp.result.${r}`)}</span> }))}
          />
        </Form.Item>
        {result === 'rectify' ? (
          <Form.Item label={t('recycling.insp.rectifyBy')} required {...err('rectifyBy')}>
            <Input
              type="date"
              size="large"
              min={shanghaiToday()}
              value={rectifyBy}
              onChange={(e) => setRectifyBy(e.target.value)}
              data-testid="inspect-rectify-by"
            />
          </Form.Item>
        ) : null}
        {result === 'ban' ? <Alert type="warning" showIcon message={t('recycling.insp.banWarning')} style={{ marginBottom: 12 }} /> : null}
        {unanswered > 0 && items.length > 0 ? (
          <Typography.Paragraph type="secondary" data-testid="inspect-unanswered">
            {t('recycling.insp.answerAll', { n: unanswered })}
          </Typography.Paragraph>
        ) : null}
        <Button type="primary" htmlType="submit" size="large" block loading={save.isPending} data-testid="inspect-submit">
          {t('recycling.insp.submit')}
        </Button>
      </Form>
    </div>
  );
}
