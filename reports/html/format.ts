// Number formatting for tables: fixed locale, so a report is byte-identical wherever it is built.
const FMT = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function fmt(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '−∞';
  if (n !== 0 && Math.abs(n) < 1e-4) return n.toExponential(3);
  // large values keep every integer digit (1,609,985 not 1,610,000): deltas between them must stay visible
  return Math.abs(n) >= 1e5 ? INT.format(n) : FMT.format(n);
}

/** Exact token amount from planck: "1234500000000000000000" with 18 decimals -> "1,234.5". */
export function fmtPlanck(planck: string, decimals: number): string {
  const neg = planck.startsWith('-');
  const digits = (neg ? planck.slice(1) : planck).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = decimals > 0 ? digits.slice(digits.length - decimals).replace(/0+$/, '') : '';
  return `${neg ? '-' : ''}${whole}${frac ? '.' + frac : ''}`;
}

export function fmtParam(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v) ?? String(v);
}

const PCT = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** A percentage with 3 significant digits: 0.442729 -> "0.443%". */
export function fmtPct(n: number | null): string {
  return n === null || !Number.isFinite(n) ? '—' : `${PCT.format(n)}%`;
}
