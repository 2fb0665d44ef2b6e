import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { workbookBuffer } from '../../../http/excel.js';
import type { OnlineOrderStatus, OnlinePlatform } from '../../../../shared/enums/tradein.js';
import { ordersToExport } from './orders.js';
import type { ExportOnlineOrdersQuery, OnlineOrderView } from './schema.js';

type Texts = { [K in 'zh-CN' | 'en']: string };

const PLATFORM: Record<OnlinePlatform, Texts> = {
  jd: { 'zh-CN': '京东', en: 'JD.com' },
  tmall: { 'zh-CN': '天猫', en: 'Tmall' },
  taobao: { 'zh-CN': '淘宝', en: 'Taobao' },
  pinduoduo: { 'zh-CN': '拼多多', en: 'Pinduoduo' },
  douyin: { 'zh-CN': '抖音', en: 'Douyin' },
  meituan: { 'zh-CN': '美团', en: 'Meituan' },
  suning: { 'zh-CN': '苏宁易购', en: 'Suning' },
  own: { 'zh-CN': '自有商城/小程序', en: 'Own shop / mini-program' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

const STATUS: Record<OnlineOrderStatus, Texts> = {
  awaiting_confirmation: { 'zh-CN': '待居民确认', en: 'Awaiting confirmation' },
  confirmed: { 'zh-CN': '已确认', en: 'Confirmed' },
  declined: { 'zh-CN': '居民已拒绝', en: 'Declined' },
  cancelled: { 'zh-CN': '商户已取消', en: 'Cancelled' },
  expired: { 'zh-CN': '已失效', en: 'Expired' },
};

const H = {
  created: { 'zh-CN': '录入时间', en: 'Entered at' },
  merchant: { 'zh-CN': '商户', en: 'Merchant' },
  platform: { 'zh-CN': '平台', en: 'Platform' },
  shop: { 'zh-CN': '店铺', en: 'Shop' },
  orderNumber: { 'zh-CN': '订单号', en: 'Order number' },
  voucher: { 'zh-CN': '补贴券', en: 'Voucher' },
  product: { 'zh-CN': '商品', en: 'Product' },
  serial: { 'zh-CN': '序列号', en: 'Serial number' },
  invoice: { 'zh-CN': '发票号码', en: 'Invoice number' },
  price: { 'zh-CN': '成交价（元）', en: 'Price (yuan)' },
  subsidy: { 'zh-CN': '补贴（元）', en: 'Subsidy (yuan)' },
  town: { 'zh-CN': '配送镇街', en: 'Delivery town' },
  address: { 'zh-CN': '配送地址', en: 'Delivery address' },
  status: { 'zh-CN': '状态', en: 'Status' },
  expires: { 'zh-CN': '确认截止', en: 'Confirm by' },
  redemption: { 'zh-CN': '核销记录号', en: 'Redemption' },
  sheet: { 'zh-CN': '线上订单', en: 'Online orders' },
} satisfies Record<string, Texts>;

/** The orders a business or a supervisor may list, as a workbook in the caller's language (addresses as the list shows them). */
export async function onlineOrdersWorkbook(deps: AppDeps, ctx: RequestContext, q: ExportOnlineOrdersQuery): Promise<{ filename: string; buffer: Buffer }> {
  const rows = await ordersToExport(deps, ctx, q);
  const l = ctx.locale === 'en' ? 'en' : 'zh-CN';
  const yuan = (fen: number | null) => (fen === null ? null : fen / 100);
  const buffer = await workbookBuffer<OnlineOrderView>({
    name: H.sheet[l],
    rows,
    columns: [
      { header: H.created[l], value: (r) => r.createdAt, width: 22 },
      { header: H.merchant[l], value: (r) => r.organizationName, width: 28 },
      { header: H.platform[l], value: (r) => PLATFORM[r.platform][l], width: 12 },
      { header: H.shop[l], value: (r) => r.shopName, width: 24 },
      { header: H.orderNumber[l], value: (r) => r.orderNumber, width: 22 },
      { header: H.voucher[l], value: (r) => r.voucherCode, width: 16 },
      { header: H.product[l], value: (r) => `${r.productBrand} ${r.productModel}`, width: 22 },
      { header: H.serial[l], value: (r) => r.serialNumber, width: 20 },
      { header: H.invoice[l], value: (r) => r.invoiceNumber, width: 22 },
      { header: H.price[l], value: (r) => yuan(r.price), width: 12 },
      { header: H.subsidy[l], value: (r) => yuan(r.subsidy), width: 12 },
      { header: H.town[l], value: (r) => r.deliveryTownName, width: 14 },
      { header: H.address[l], value: (r) => r.deliveryAddress, width: 32 },
      { header: H.status[l], value: (r) => STATUS[r.status][l], width: 14 },
      { header: H.expires[l], value: (r) => r.expiresAt, width: 22 },
      { header: H.redemption[l], value: (r) => r.redemptionId, width: 12 },
    ],
  });
  return { filename: `${H.sheet[l]}.xlsx`, buffer };
}
