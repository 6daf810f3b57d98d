// The exogenous BAI/USD price: a seeded geometric Brownian motion stepped once per day, or a path read from a CSV
// of dates and prices. Nothing on chain sets the price; validators weigh their BAI income at this price against
// their USD costs. Pure functions; the plugin keeps the current price in its checkpointed state.

import { readFileSync } from 'node:fs';
import { BadInputError } from '../runner/errors.js';

export const DAYS_PER_YEAR = 365.25;

/** A CSV price file that cannot be used: names the file and line. Exit code 2 (bad input). */
export class PriceCsvError extends BadInputError {
  constructor(readonly file: string, readonly line: number, readonly reason: string) {
    super(`price CSV ${file}${line > 0 ? `:${line}` : ''}: ${reason}`);
    this.name = 'PriceCsvError';
  }
}

/**
 * One daily GBM step: S·exp((mu − sigma²/2)·dt + sigma·√dt·z), dt = 1/365.25 years, z ~ N(0, 1) drawn by the caller
 * from the price stream. Exact lognormal transition (no Euler error), so E[S_{t+1}] = S_t·exp(mu·dt).
 */
export function gbmStep(price: number, driftPerYear: number, volatilityPerYear: number, z: number): number {
  const dt = 1 / DAYS_PER_YEAR;
  return price * Math.exp((driftPerYear - 0.5 * volatilityPerYear * volatilityPerYear) * dt + volatilityPerYear * Math.sqrt(dt) * z);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;
export const PRICE_CSV_ROWS_MAX = 1_000_000;

/** Parse "date,price" text (header first). Returns the prices in row order; throws PriceCsvError naming the line. */
export function parsePriceCsv(text: string, file: string): number[] {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) throw new PriceCsvError(file, 0, 'empty file (expected a header "date,price" and one row per day)');
  const header = lines[0]!.split(',').map((h) => h.trim().toLowerCase());
  if (header.length !== 2 || header[0] !== 'date' || header[1] !== 'price') {
    throw new PriceCsvError(file, 1, `header must be "date,price", found ${JSON.stringify(lines[0])}`);
  }
  if (lines.length < 2) throw new PriceCsvError(file, 1, 'no price rows after the header');
  if (lines.length - 1 > PRICE_CSV_ROWS_MAX) throw new PriceCsvError(file, 0, `more than ${PRICE_CSV_ROWS_MAX} rows`);
  const prices: number[] = [];
  let lastDay = -Infinity;
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',').map((c) => c.trim());
    if (cells.length !== 2) throw new PriceCsvError(file, i + 1, `expected 2 columns "date,price", found ${cells.length}`);
    const day = civilDay(cells[0]!);
    if (day === null) throw new PriceCsvError(file, i + 1, `bad date ${JSON.stringify(cells[0])} (expected YYYY-MM-DD)`);
    if (day <= lastDay) throw new PriceCsvError(file, i + 1, `date ${cells[0]} is not after the previous row's`);
    lastDay = day;
    const p = Number(cells[1]);
    if (!NUMBER.test(cells[1]!) || !Number.isFinite(p) || p <= 0) {
      throw new PriceCsvError(file, i + 1, `bad price ${JSON.stringify(cells[1])} (expected a positive decimal number)`);
    }
    prices.push(p);
  }
  return prices;
}

/** Days since 1970-01-01 of a valid "YYYY-MM-DD" (proleptic Gregorian), else null. Pure calendar arithmetic. */
export function civilDay(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const mdays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1]!) return null;
  // days_from_civil (H. Hinnant): era-based, exact for all years >= 0
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Read and parse a price CSV; a missing or unreadable file is a PriceCsvError too. */
export function readPriceCsv(path: string): number[] {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) {
    throw new PriceCsvError(path, 0, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parsePriceCsv(text, path);
}

/** The CSV price of day d (0-based): row d, the last row once the file runs out. */
export function csvPriceOn(prices: readonly number[], day: number): number {
  return prices[Math.min(day, prices.length - 1)]!;
}
