// Work for an element that can wait until the element is about to scroll into view: a card in a feed fetches
// its listing's document (for the photo) only then, so a phone that shows three cards does not fetch, parse
// and render the documents of twenty. One observer serves every element.
import type { Attachment } from 'svelte/attachments';

/** How far outside the viewport an element counts as near: a screen's worth of scrolling ahead. */
const MARGIN = '100% 0px';

let observer: IntersectionObserver | undefined;
const waiting = new Map<Element, () => void>();

function shared(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const run = waiting.get(entry.target);
        waiting.delete(entry.target);
        observer!.unobserve(entry.target);
        run?.();
      }
    },
    { rootMargin: MARGIN },
  );
  return observer;
}

/** Calls `run` once, when the element first comes within a screen of the viewport (at once without IntersectionObserver). */
export function nearViewport(run: () => void): Attachment<Element> {
  return (element) => {
    if (typeof IntersectionObserver !== 'function') {
      run();
      return;
    }
    waiting.set(element, run);
    shared().observe(element);
    return () => {
      if (waiting.delete(element)) observer?.unobserve(element);
    };
  };
}
