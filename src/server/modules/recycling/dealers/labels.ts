import type { Locale } from '../../../../shared/roles.js';
import type { DealerKind } from '../../../../shared/enums/recyclingDealers.js';
import { fenToDecimal } from '../../../../shared/money.js';
import type { SheetColumn } from '../../../http/excel.js';
import type { TradeView } from './schema.js';

/** The trade export's sheet in the caller's language. */
export function tradeSheet(locale: Locale, rows: TradeView[]) {
  const zh = locale === 'zh-CN';
  const kinds: Record<DealerKind, string> = zh
    ? { cars: '二手车', appliances: '家用电器', furniture: '家具', other: '其他' }
    : { cars: 'Used car', appliances: 'Appliance', furniture: 'Furniture', other: 'Other' };
  const yes = zh ? '是' : 'yes';
  const columns: SheetColumn<TradeView>[] = [
    { header: zh ? '交易日期' : 'Traded on', width: 12, value: (r) => r.tradedOn },
    { header: zh ? '经营主体' : 'Dealer', width: 30, value: (r) => r.dealerName },
    { header: zh ? '类别' : 'Kind', width: 10, value: (r) => kinds[r.kind] },
    { header: zh ? '商品' : 'Item', width: 30, value: (r) => r.description },
    { header: zh ? '金额（元）' : 'Amount (yuan)', width: 14, value: (r) => Number(fenToDecimal(r.amountFen)) },
    { header: 'VIN', width: 20, value: (r) => r.vin },
    { header: zh ? '迁出地' : 'From region', width: 10, value: (r) => r.plateRegionFrom },
    { header: zh ? '迁入地' : 'To region', width: 10, value: (r) => r.plateRegionTo },
    { header: zh ? '跨地区转移' : 'Across regions', width: 10, value: (r) => (r.crossRegion ? yes : '') },
    { header: zh ? '二手车转让代出口' : 'Sold for export', width: 14, value: (r) => (r.export ? yes : '') },
    { header: zh ? '出口目的国' : 'Export country', width: 10, value: (r) => r.exportCountry },
    { header: zh ? '登记单位' : 'Recorded by', width: 24, value: (r) => r.recordedByUnit },
    { header: zh ? '登记时间' : 'Recorded at', width: 22, value: (r) => r.createdAt },
  ];
  return { name: zh ? '二手交易' : 'Second-hand trades', columns, rows };
}
