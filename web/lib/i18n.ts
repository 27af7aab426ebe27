// The site's languages (zh-CN first) and helpers around Paraglide's compiled messages.
import { baseLocale, getLocale as resolveLocale, locales, overwriteGetLocale, setLocale } from './paraglide/runtime.js';
import { localeState } from './locale.svelte.ts';

type Locale = (typeof locales)[number];

if (typeof window !== 'undefined') {
  // Resolved once by Paraglide's strategies (the stored choice, then the browser's languages), then held as state.
  localeState.value = resolveLocale();
  overwriteGetLocale(() => (localeState.value as Locale | undefined) ?? baseLocale);
}

/** The current language; read in a template or a $derived, it re-renders on a switch. */
export const getLocale = (): Locale => (localeState.value as Locale | undefined) ?? resolveLocale();

export { locales };

export const LANGUAGE_NAMES: Record<string, string> = { 'zh-CN': '中文', en: 'English' };

/** Switches the language in place: the choice is stored (Paraglide's localStorage strategy), nothing reloads. */
export function switchLocale(locale: Locale): void {
  setLocale(locale, { reload: false });
  localeState.value = locale;
  document.documentElement.lang = locale;
}
