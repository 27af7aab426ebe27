// Every page is prerendered to its own file with relative asset paths and rendered in the browser: the build
// is plain static files that work under any IPFS gateway path. Ids travel in the query string.
export const prerender = true;
export const ssr = false;
export const trailingSlash = 'always';
