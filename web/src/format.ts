// Numbers for people. Pure; the locale is a parameter (the browser's by default).

const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ""}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

export const DASH = "–";

export function fmtInt(v: number | null | undefined, locale?: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return nf(locale, { maximumFractionDigits: 0 }).format(Math.round(v));
}

export function fmtNumber(v: number | null | undefined, digits = 1, locale?: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return nf(locale, { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(v);
}

// A fraction as a percentage: 0.243 -> "24.3 %" (the locale decides the sign's spacing).
export function fmtPercent(fraction: number | null | undefined, digits = 1, locale?: string): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return DASH;
  return nf(locale, { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(fraction);
}

// Money without a currency (the point-of-sale export has none): two decimals, grouped.
export function fmtAmount(v: number | null | undefined, locale?: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return nf(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
}

// Change from `before` to `now` as a fraction (0.12 = +12 %); null when there is nothing to compare with.
export function change(now: number | null | undefined, before: number | null | undefined): number | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  if (!Number.isFinite(now) || !Number.isFinite(before) || before === 0) return null;
  return (now - before) / before;
}

// "+12 %", "−3 %", "±0 %".
export function fmtChange(fraction: number | null, locale?: string): string {
  if (fraction === null || !Number.isFinite(fraction)) return DASH;
  const pct = Math.round(fraction * 100);
  if (pct === 0) return "±0 %";
  return `${pct > 0 ? "+" : "−"}${nf(locale, { maximumFractionDigits: 0 }).format(Math.abs(pct))} %`;
}
