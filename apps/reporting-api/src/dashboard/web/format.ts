const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Whole numbers with thousands separators, as the GOV.UK style guide writes them. */
export function count(value: number): string {
  return value.toLocaleString('en-GB');
}

/** A rate in [0, 1] as a percentage with one decimal; null when nobody was assessed. */
export function percent(rate: number | null): string {
  return rate === null ? 'none assessed' : `${(rate * 100).toFixed(1)}%`;
}

/** 2025-03 → Mar 2025 */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${year}`;
}

/** An ISO instant as a UTC day, e.g. 3 Mar 2025; a dash when absent. */
export function dayLabel(iso: string | null): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
