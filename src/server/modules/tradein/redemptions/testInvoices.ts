/** Distinct well-formed 20-digit 数电发票 numbers for tests. */
export function computeInvoiceNumber(seq: number): string {
  return `2435200000${String(seq).padStart(10, '0')}`;
}
