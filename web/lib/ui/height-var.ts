// A page part's height as a CSS custom property on <html>, for the sticky parts placed below it (the header,
// the notices). Read from a ResizeObserver, which reports after the browser's own layout: `bind:offsetHeight`
// reads offsetHeight when the element mounts, a forced synchronous layout in the middle of the first render.
import type { Attachment } from 'svelte/attachments';

/** Keeps `--name` on the document element equal to the element's border-box height in px. */
export function heightVar(name: `--${string}`): Attachment<HTMLElement> {
  return (element) => {
    const root = document.documentElement;
    const observer = new ResizeObserver(([entry]) => {
      const height = entry.borderBoxSize?.[0]?.blockSize ?? element.offsetHeight;
      root.style.setProperty(name, `${Math.round(height)}px`);
    });
    observer.observe(element);
    return () => observer.disconnect();
  };
}
