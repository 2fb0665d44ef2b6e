import { divideHalfUp } from './money.js';

/**
 * A reverse invoice's figures from the price paid (价税合计, what the recycler and the seller agreed, VAT included)
 * and the rates in basis points (1% = 100):
 * - amount excluding VAT = price ÷ (1 + VAT rate), half-up to the fen;
 * - VAT = price − amount, so that amount + VAT is exactly the price;
 * - individual income tax withheld = amount × income-tax rate, half-up to the fen;
 * - what the seller receives = price − VAT − income tax (the recycler remits both).
 */
export function reverseInvoiceFigures(priceFen: number, vatRateBp: number, incomeTaxRateBp: number) {
  const amountFen = divideHalfUp(priceFen * 10_000, 10_000 + vatRateBp);
  const vatFen = priceFen - amountFen;
  const incomeTaxFen = divideHalfUp(amountFen * incomeTaxRateBp, 10_000);
  return { amountFen, vatFen, incomeTaxFen, netPaidFen: priceFen - vatFen - incomeTaxFen };
}
