// Names of the common listing categories in the user's language (categories are free text on chain).
import { m } from '../paraglide/messages.js';

const NAMES: Record<string, () => string> = {
  tea: m.cat_tea,
  ceramics: m.cat_ceramics,
  electronics: m.cat_electronics,
  apparel: m.cat_apparel,
  books: m.cat_books,
  food: m.cat_food,
  crafts: m.cat_crafts,
  beauty: m.cat_beauty,
};

export function categoryName(category: string): string {
  return NAMES[category]?.() ?? category;
}
