// "Take me back where I was" after a detour to the wallet page: the page travels in `?back=` as a path
// relative to the site's root ("product/?id=3"), never as a URL, so it works under /ipfs/<cid>/ on a path
// gateway and cannot send anyone off the site.

/** The page at `url` relative to the site's root `root` (both absolute), query included; "./" is the home page. */
export function backPath(url: URL, root: URL): string | null {
  if (!url.pathname.startsWith(root.pathname)) return null;
  return `${url.pathname.slice(root.pathname.length) || './'}${url.search}`;
}

/**
 * `value` if it is a path inside the site: page segments of letters, digits and dashes ending in "/" (or "./"
 * for the home page), and an optional query. Anything else (a scheme, "//host", "..", a leading "/", the wallet page itself) is null.
 */
export function safeBack(value: string | null): string | null {
  if (!value || !/^(?:\.\/|(?:[a-z0-9-]+\/)+)(?:\?[^#\s\\]*)?$/i.test(value)) return null;
  if (value.startsWith('wallet/')) return null;
  return value;
}
