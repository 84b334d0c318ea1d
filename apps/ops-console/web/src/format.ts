// Display rules of the console: money in yuan with two decimals (amounts travel in fen), instants in the
// merchant's timezone (the platform's default is Asia/Shanghai), PII masked unless revealed.

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** Fen → "¥1,234.56" (exact: integer fen are split, never divided as floats). */
export function money(minor: number | string | null | undefined, locale: string): string {
  if (minor === null || minor === undefined || minor === '') return '—';
  const fen = BigInt(Math.trunc(Number(minor)));
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(abs / 100n);
  const cents = String(abs % 100n).padStart(2, '0');
  return `${negative ? '-' : ''}¥${yuan}.${cents}`;
}

export function dateTime(
  iso: string | null | undefined,
  timeZone: string | undefined,
  locale: string,
): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    timeZone: timeZone || DEFAULT_TIMEZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

/** A local date (YYYY-MM-DD, already in the merchant's calendar) shown as is. */
export function localDate(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '—';
}

/** Today's date in a timezone, as YYYY-MM-DD. */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || DEFAULT_TIMEZONE }).format(now);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

export function num(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale).format(value);
}

/** Keeps the first 3 and last 4 characters of a phone, ID number or card; masks the rest. */
export function mask(value: string | null | undefined): string {
  if (!value) return '—';
  if (value.includes('*')) return value;
  if (value.includes('@')) {
    const [user, domain] = value.split('@');
    return `${user.slice(0, 1)}***@${domain}`;
  }
  if (value.length <= 4) return '*'.repeat(value.length);
  const keep = value.length > 8 ? 3 : 1;
  return `${value.slice(0, keep)}${'*'.repeat(value.length - keep - 4)}${value.slice(-4)}`;
}

/** "2h 05m" countdown (negative = overdue). */
export function duration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.floor(Math.abs(ms) / 60000);
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const hm = `${hours}h ${String(minutes).padStart(2, '0')}m`;
  return `${sign}${days > 0 ? `${days}d ` : ''}${hm}`;
}
