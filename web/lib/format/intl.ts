// Intl formatters, made once per locale and options and reused: making one costs far more than formatting
// with it, and a feed of cards formats a price per card on every render. No imports: the wallet button's small
// modules use it too.

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat, O>(kind: string, make: new (locale: string, options: O) => F, locale: string, options: O): F {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key) as F | undefined;
  if (!format) formats.set(key, (format = new make(locale, options)));
  return format;
}

/** The Intl.NumberFormat for `locale` and `options`, made on the first call and reused after. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached('number', Intl.NumberFormat, locale, options);
}

/** The Intl.DateTimeFormat for `locale` and `options`, made once and reused (see numberFormat). */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return cached('date', Intl.DateTimeFormat, locale, options);
}
