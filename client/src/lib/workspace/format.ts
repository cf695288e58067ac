/** A pass rate for the reader's language: "57%" in English, "57 %" in French. */
export function formatPercent(locale: string, rate: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}
