// graph-node hands `_contains`, `_starts_with` and `_ends_with` values to Postgres LIKE/ILIKE unchanged, so
// `%` and `_` in what a shopper types would be wildcards ("100%" finding every title with "100"). LIKE's escape
// character is the backslash: escaped, the text matches itself, on graph-node and on our local node alike.
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
