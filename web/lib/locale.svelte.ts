// The page's language as reactive state. i18n.ts points Paraglide's getLocale at it, so every message and every
// formatter that a template or a $derived reads follows a language switch at once, without a reload: what the
// user half-typed in a form stays where it was.
let current = $state<string | undefined>(undefined);

export const localeState = {
  get value(): string | undefined {
    return current;
  },
  set value(next: string | undefined) {
    current = next;
  },
};
