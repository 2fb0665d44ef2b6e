/**
 * The checks a subsidised sale's form makes before sending, shared by the till and the online order form so the
 * two say the same thing: a price in yuan above zero, a serial number, a 20-digit fully digital invoice number.
 */
import type { Rule } from 'antd/es/form';
import type { Translate } from '../../i18n/I18nProvider';
import { translate } from '../../../shared/i18n/messages';
import type { Locale } from '../../../shared/roles';
import { yuanToFen } from '../../../shared/money';
import { validateInvoiceNumber } from '../../../shared/validators';

export const salePriceRule = (t: Translate): Rule => ({
  required: true,
  validator: async (_r, v: string | undefined) => {
    const fen = yuanToFen(v);
    if (fen === null || fen < 1) throw new Error(t('tradein.redeem.priceRule'));
  },
});

export const saleSerialRule = (t: Translate): Rule => ({ required: true, whitespace: true, min: 4, message: t('tradein.redeem.serialRule') });

export const saleInvoiceRule = (locale: Locale): Rule => ({
  required: true,
  validator: async (_r, v: string | undefined) => {
    const res = validateInvoiceNumber(v);
    if (!res.ok) throw new Error(translate(locale, `field.invoiceNumber.${res.reason}` as Parameters<typeof translate>[1]));
  },
});
