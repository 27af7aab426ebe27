// The shop's category: one of the catalog's known codes (the ones the home page and the search list), or,
// only when none fits, a new one typed by the merchant.
import { CATEGORIES } from '../protocol/metadata.ts';

export const NEW_CATEGORY = '__new__';

export function isKnownCategory(value: string): boolean {
  return (CATEGORIES as readonly string[]).includes(value.trim());
}

/** What the picker shows for a stored category: the code itself, or "new" with the text. */
export function categoryChoice(value: string): { choice: string; custom: string } {
  const v = value.trim();
  if (!v) return { choice: '', custom: '' };
  return isKnownCategory(v) ? { choice: v, custom: '' } : { choice: NEW_CATEGORY, custom: v };
}

/** The category the form stores for a choice. */
export function categoryValue(choice: string, custom: string): string {
  return choice === NEW_CATEGORY ? custom.trim() : choice;
}
