// The site's languages (zh-CN first) and helpers around Paraglide's compiled messages.
import { getLocale, locales, setLocale } from './paraglide/runtime.js';

export { getLocale, locales };

export const LANGUAGE_NAMES: Record<string, string> = { 'zh-CN': '中文', en: 'English' };

export function switchLocale(locale: (typeof locales)[number]): void {
  setLocale(locale, { reload: false });
  document.documentElement.lang = locale;
}
