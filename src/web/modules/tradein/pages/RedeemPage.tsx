import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Result, Select, Upload, Typography } from 'antd';
import { CameraOutlined, ScanOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, newIdempotencyKey } from '../../../api/client';
import { translate } from '../../../../shared/i18n/messages';
import { validateInvoiceNumber } from '../../../../shared/validators';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { applyApiError } from '../../../components/formErrors';
import { formatDate } from '../../../components/format';
import { fenToYuan, yuanToFen } from '../../../../shared/money';
import { checkVoucherCode } from '../../../../shared/voucherCode';
import { keys, usePrograms, type Attachment, type MerchantView, type ProductView, type RedemptionView, type VoucherLookup } from '../api';
import { Money, RuleText, StatusTag, tradeinError } from '../components';
import { previewSubsidy } from '../money';

interface SaleForm {
  productId?: number;
  serialNumber?: string;
  price?: string;
  invoiceNumber?: string;
  storeId?: number;
  oldItemReference?: string;
  deliveryAddress?: string;
}

/**
 * The till (立购立减): type or scan the resident's voucher code, check it, pick the product, enter the serial
 * number, price, invoice and old-item proof; the page shows the subsidy and what the resident pays before the
 * sale is recorded, and the server's own figures after.
 */
export default function RedeemPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const programs = usePrograms();
  const [codeInput, setCodeInput] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [voucher, setVoucher] = useState<VoucherLookup | null>(null);
  const [looking, setLooking] = useState(false);
  const [form] = Form.useForm<SaleForm>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<RedemptionView | null>(null);
  const [photo, setPhoto] = useState<{ id: number; name: string } | null>(null);
  const [uploading, setUploading] = useState(false);
  const saleKey = useRef<string | null>(null);

  const products = useQuery({
    queryKey: keys.products({ category: voucher?.category }),
    queryFn: ({ signal }) => api.get<ProductView[]>('/api/tradein/products', { category: voucher?.category }, signal),
    enabled: voucher !== null,
  });
  const enrolments = useQuery({
    queryKey: keys.merchants({ mine: true }),
    queryFn: ({ signal }) => api.get<MerchantView[]>('/api/tradein/merchants', undefined, signal),
  });

  const program = programs.data?.find((p) => p.id === voucher?.programId);
  const category = program?.categories.find((c) => c.category === voucher?.category);
  const ruleMatches = category !== undefined && category.ruleVersionId === voucher?.ruleVersionId;
  const enrolment = enrolments.data?.find((m) => m.programId === voucher?.programId);
  const approved = enrolment?.status === 'approved' && voucher !== null && enrolment.categories.includes(voucher.category);
  const stores = enrolment?.stores ?? [];
  const eligible = (products.data ?? []).filter((p) => p.status === 'active');

  const productId = Form.useWatch('productId', form);
  const priceText = Form.useWatch('price', form);
  const product = eligible.find((p) => p.id === productId);
  const priceFen = yuanToFen(priceText);
  const preview = useMemo(() => {
    if (!category || !program || !product || priceFen === null) return null;
    const rule = category.rule;
    const rate = rule.rates.find((r) => r.grade !== null && r.grade === product.efficiencyGrade) ?? rule.rates.find((r) => r.grade === null);
    if (!rate) return { notEligible: true as const };
    if (rule.priceCeilingFen !== null && priceFen > rule.priceCeilingFen) return { aboveCeiling: rule.priceCeilingFen };
    const subsidy = previewSubsidy(priceFen, rate.rateBp, rule.capFen, program.rounding);
    return { subsidy, payable: priceFen - subsidy, rateBp: rate.rateBp };
  }, [category, program, product, priceFen]);

  async function lookup() {
    setDone(null);
    setFormError(null);
    const checked = checkVoucherCode(codeInput);
    if (!checked.ok) {
      setCodeError(t(`tradein.redeem.code.${checked.reason}`));
      setVoucher(null);
      return;
    }
    setCodeError(null);
    setLooking(true);
    try {
      const v = await api.get<VoucherLookup>(`/api/tradein/vouchers/${checked.code}`);
      setVoucher(v);
      form.resetFields();
      setPhoto(null);
      saleKey.current = null;
    } catch (e) {
      setVoucher(null);
      setCodeError(tradeinError(t, e));
    } finally {
      setLooking(false);
    }
  }

  async function submit(values: SaleForm) {
    if (!voucher) return;
    const price = yuanToFen(values.price);
    if (price === null) return;
    setSaving(true);
    setFormError(null);
    saleKey.current ??= newIdempotencyKey();
    const body = {
      voucherCode: voucher.code,
      productId: values.productId,
      serialNumber: values.serialNumber?.trim(),
      price,
      invoiceNumber: values.invoiceNumber?.trim(),
      ...(values.oldItemReference?.trim() ? { oldItemProof: { reference: values.oldItemReference.trim(), ...(photo ? { attachmentId: photo.id } : {}) } } : {}),
      ...(values.storeId ? { storeId: values.storeId } : {}),
      ...(values.deliveryAddress?.trim() ? { deliveryAddress: values.deliveryAddress.trim() } : {}),
    };
    try {
      const r = await api.post<RedemptionView>('/api/tradein/redemptions', body, { idempotencyKey: saleKey.current, device: true });
      saleKey.current = null;
      setDone(r);
      message.success(t('tradein.redeem.done'));
      void qc.invalidateQueries({ queryKey: ['tradein', 'redemptions'] });
    } catch (e) {
      // A definite answer ends this attempt; a lost one keeps the key so "submit" again cannot sell twice.
      if (e instanceof ApiError && e.status > 0) saleKey.current = null;
      const rest = applyApiError(form, e, { price: 'price', 'oldItemProof.reference': 'oldItemReference', oldItemProof: 'oldItemReference' });
      setFormError(rest === null ? null : tradeinError(t, e));
    } finally {
      setSaving(false);
    }
  }

  function restart() {
    setDone(null);
    setVoucher(null);
    setCodeInput('');
    setPhoto(null);
    form.resetFields();
  }

  const notEnrolled = voucher !== null && enrolments.isSuccess && !approved;
  const voucherUsable = voucher?.status === 'active';

  return (
    <div data-testid="page-tradein-redeem">
      <PageHeader title={t('tradein.nav.redeem')} subtitle={t('tradein.redeem.subtitle')} />
      {done ? (
        <Card className="hx-block">
          <Result
            status={done.status === 'held' ? 'warning' : 'success'}
            title={done.status === 'held' ? t('tradein.redeem.heldTitle') : t('tradein.redeem.doneTitle')}
            subTitle={t('tradein.redeem.doneText', { code: done.voucherCode })}
            data-testid="redeem-done"
            extra={
              <div className="hx-form-actions" style={{ justifyContent: 'center' }}>
                <Button type="primary" onClick={restart} data-testid="redeem-next">
                  {t('tradein.redeem.next')}
                </Button>
                <Link to="/tradein/merchant/redemptions">
                  <Button>{t('tradein.nav.merchantRedemptions')}</Button>
                </Link>
              </div>
            }
          >
            <div className="hx-ti-sum" style={{ maxWidth: 420, margin: '0 auto' }}>
              <div className="hx-ti-sum-row">
                <span>{t('tradein.redeem.price')}</span>
                <Money fen={done.price} testId="done-price" />
              </div>
              <div className="hx-ti-sum-row">
                <span>{t('tradein.redeem.subsidy')}</span>
                <Money fen={done.subsidy} strong testId="done-subsidy" />
              </div>
              <div className="hx-ti-sum-row hx-ti-sum-total">
                <span>{t('tradein.redeem.payable')}</span>
                <Money fen={done.payable} testId="done-payable" />
              </div>
            </div>
          </Result>
        </Card>
      ) : (
        <div className="hx-ti-till">
          <Card title={t('tradein.redeem.step1')} className="hx-block">
            <Form layout="vertical" onFinish={() => void lookup()}>
              <Form.Item label={t('tradein.redeem.code')} validateStatus={codeError ? 'error' : undefined} help={codeError ?? t('tradein.redeem.codeHelp')}>
                <Input
                  size="large"
                  className="hx-ti-lookup-code"
                  prefix={<ScanOutlined />}
                  value={codeInput}
                  onChange={(e) => setCodeInput(e.target.value)}
                  placeholder="XXXX-XXXX-XXX"
                  autoComplete="off"
                  maxLength={16}
                  data-testid="redeem-code"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={looking} block style={{ marginTop: 8 }} data-testid="redeem-lookup">
                {t('tradein.redeem.lookup')}
              </Button>
            </Form>
            {voucher ? (
              <Descriptions column={1} size="small" bordered className="hx-block" style={{ marginTop: 16 }} data-testid="redeem-voucher">
                <Descriptions.Item label={t('tradein.redeem.holder')}>
                  <span data-testid="redeem-holder">{voucher.holderMask ?? '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('tradein.field.category')}>
                  <span data-testid="redeem-category">{voucher.categoryName}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('tradein.field.program')}>{voucher.programName}</Descriptions.Item>
                <Descriptions.Item label={t('field.status')}>
                  <StatusTag group="voucher" status={voucher.status} />
                </Descriptions.Item>
                <Descriptions.Item label={t('tradein.field.expiresAt')}>{formatDate(voucher.expiresAt)}</Descriptions.Item>
              </Descriptions>
            ) : null}
            {category ? (
              <div style={{ marginTop: 12 }}>
                <Typography.Text type="secondary">{t('tradein.redeem.ruleOf', { name: category.name })}</Typography.Text>
                <RuleText rule={category.rule} category={category.category} />
                {!ruleMatches ? <Alert type="info" showIcon title={t('tradein.redeem.olderRule')} /> : null}
              </div>
            ) : null}
          </Card>

          <Card title={t('tradein.redeem.step2')} className="hx-block">
            {!voucher ? (
              <Typography.Text type="secondary">{t('tradein.redeem.lookupFirst')}</Typography.Text>
            ) : !voucherUsable ? (
              <Alert type="warning" showIcon title={t('tradein.error.VOUCHER_NOT_ACTIVE')} data-testid="redeem-not-active" />
            ) : notEnrolled ? (
              <Alert
                type="warning"
                showIcon
                title={t('tradein.redeem.notEnrolled')}
                data-testid="redeem-not-enrolled"
                action={
                  <Link to="/tradein/merchant/enrolment">
                    <Button size="small">{t('tradein.nav.enrolment')}</Button>
                  </Link>
                }
              />
            ) : (
              <Form<SaleForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="redeem-form" requiredMark="optional">
                {formError ? <Alert type="error" showIcon title={formError} className="hx-form-alert" data-testid="redeem-error" /> : null}
                <Form.Item name="productId" label={t('tradein.field.product')} rules={[{ required: true, message: t('common.required') }]}>
                  <Select<number>
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('tradein.redeem.pickProduct')}
                    loading={products.isPending}
                    notFoundContent={t('tradein.redeem.noProducts')}
                    options={eligible.map((p) => ({
                      value: p.id,
                      label: `${p.brand} ${p.model}${p.efficiencyGrade ? ` · ${t('tradein.grade', { grade: p.efficiencyGrade })}` : ''} · ${t('tradein.redeem.reference', { price: fenToYuan(p.referencePriceFen) })}`,
                    }))}
                    data-testid="redeem-product"
                  />
                </Form.Item>
                <div className="hx-ti-sale-grid">
                  <Form.Item
                    name="serialNumber"
                    label={t('tradein.field.serial')}
                    rules={[{ required: true, whitespace: true, min: 4, message: t('tradein.redeem.serialRule') }]}
                  >
                    <Input autoComplete="off" maxLength={64} data-testid="redeem-serial" />
                  </Form.Item>
                  <Form.Item
                    name="price"
                    label={t('tradein.redeem.priceYuan')}
                    rules={[
                      {
                        required: true,
                        validator: async (_r, v: string | undefined) => {
                          const fen = yuanToFen(v);
                          if (fen === null || fen < 1) throw new Error(t('tradein.redeem.priceRule'));
                        },
                      },
                    ]}
                  >
                    <Input inputMode="decimal" prefix="¥" suffix={t('tradein.unit.yuan')} autoComplete="off" data-testid="redeem-price" />
                  </Form.Item>
                  <Form.Item
                    name="invoiceNumber"
                    label={t('tradein.field.invoice')}
                    validateTrigger={['onChange', 'onBlur']}
                    rules={[
                      {
                        required: true,
                        validator: async (_r, v: string | undefined) => {
                          const res = validateInvoiceNumber(v);
                          if (!res.ok) throw new Error(translate(locale, `field.invoiceNumber.${res.reason}` as Parameters<typeof translate>[1]));
                        },
                      },
                    ]}
                  >
                    <Input inputMode="numeric" maxLength={20} showCount autoComplete="off" data-testid="redeem-invoice" />
                  </Form.Item>
                  {stores.length > 1 ? (
                    <Form.Item name="storeId" label={t('tradein.field.store')} rules={[{ required: true, message: t('common.required') }]}>
                      <Select<number> options={stores.map((s) => ({ value: s.id, label: `${s.name}（${s.townName}）` }))} data-testid="redeem-store" />
                    </Form.Item>
                  ) : null}
                  <Form.Item
                    name="oldItemReference"
                    label={t('tradein.field.oldItem')}
                    extra={t('tradein.redeem.oldItemHelp')}
                    rules={category?.rule.evidence.oldItemProof ? [{ required: true, whitespace: true, min: 2, message: t('tradein.redeem.oldItemRule') }] : []}
                  >
                    <Input maxLength={64} autoComplete="off" data-testid="redeem-old-item" />
                  </Form.Item>
                  <Form.Item label={t('tradein.redeem.oldItemPhoto')}>
                    <Upload
                      accept="image/png,image/jpeg"
                      maxCount={1}
                      showUploadList={false}
                      beforeUpload={async (file) => {
                        setUploading(true);
                        try {
                          const a = await api.upload<Attachment>('/api/attachments', file);
                          setPhoto({ id: a.id, name: a.filename });
                        } catch (e) {
                          message.error(tradeinError(t, e));
                        } finally {
                          setUploading(false);
                        }
                        return Upload.LIST_IGNORE;
                      }}
                    >
                      <Button icon={<CameraOutlined />} loading={uploading} data-testid="redeem-photo">
                        {photo ? photo.name : t('tradein.redeem.pickPhoto')}
                      </Button>
                    </Upload>
                  </Form.Item>
                  <Form.Item name="deliveryAddress" label={t('tradein.field.delivery')}>
                    <Input maxLength={200} autoComplete="off" data-testid="redeem-delivery" />
                  </Form.Item>
                </div>
                <div className="hx-ti-sum hx-block" data-testid="redeem-preview">
                  {preview === null ? (
                    <Typography.Text type="secondary">{t('tradein.redeem.previewHint')}</Typography.Text>
                  ) : 'notEligible' in preview ? (
                    <Typography.Text type="danger">{t('tradein.error.PRODUCT_NOT_ELIGIBLE')}</Typography.Text>
                  ) : 'aboveCeiling' in preview ? (
                    <Typography.Text type="danger">{t('tradein.redeem.aboveCeiling', { ceiling: fenToYuan(preview.aboveCeiling ?? 0) })}</Typography.Text>
                  ) : (
                    <>
                      <div className="hx-ti-sum-row">
                        <span>{t('tradein.redeem.price')}</span>
                        <Money fen={priceFen} />
                      </div>
                      <div className="hx-ti-sum-row">
                        <span>{t('tradein.redeem.subsidyAt', { rate: `${preview.rateBp / 100}%` })}</span>
                        <Money fen={preview.subsidy} strong testId="preview-subsidy" />
                      </div>
                      <div className="hx-ti-sum-row hx-ti-sum-total">
                        <span>{t('tradein.redeem.payable')}</span>
                        <Money fen={preview.payable} testId="preview-payable" />
                      </div>
                      {product && priceFen !== null && priceFen > product.referencePriceFen ? (
                        <Typography.Text type="warning" data-testid="preview-markup">
                          {t('tradein.redeem.aboveReference', { price: fenToYuan(product.referencePriceFen) })}
                        </Typography.Text>
                      ) : null}
                    </>
                  )}
                </div>
                <Button type="primary" htmlType="submit" size="large" block loading={saving} data-testid="redeem-submit">
                  {t('tradein.redeem.submit')}
                </Button>
              </Form>
            )}
          </Card>
        </div>
      )}
    </div>
  );
}
