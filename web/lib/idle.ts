// Work that can wait until the page has painted.

/**
 * Calls `run` when the browser is next idle, at most `timeout` ms from then; with `after`, only once that many
 * ms have passed (a page waiting on the network is idle long before it has painted). Returns a cancel function.
 */
export function whenIdle(run: () => void, opts: { timeout?: number; after?: number } = {}): () => void {
  const timeout = opts.timeout ?? 1000;
  let cancel = () => {};
  const idle = () => {
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(run, { timeout });
      cancel = () => cancelIdleCallback(handle);
    } else {
      // Safari has no requestIdleCallback: the next tasks after this one.
      const handle = setTimeout(run, 50);
      cancel = () => clearTimeout(handle);
    }
  };
  if (opts.after) {
    const handle = setTimeout(idle, opts.after);
    cancel = () => clearTimeout(handle);
  } else idle();
  return () => cancel();
}
