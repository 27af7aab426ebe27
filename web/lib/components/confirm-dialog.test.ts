import { describe, expect, it } from 'vitest';
import { ARM_DELAY_MS, acceptsConfirm } from './confirm-dialog.ts';

describe('acceptsConfirm', () => {
  const openedAt = 10_000;

  it('ignores any activation right after the dialog opened (a double click, a repeating key)', () => {
    expect(acceptsConfirm(openedAt, openedAt + 80, 1)).toBe(false);
    expect(acceptsConfirm(openedAt, openedAt + ARM_DELAY_MS - 1, 0)).toBe(false);
  });

  it('accepts a single click or a key press once armed', () => {
    expect(acceptsConfirm(openedAt, openedAt + ARM_DELAY_MS, 1)).toBe(true);
    expect(acceptsConfirm(openedAt, openedAt + 5_000, 0)).toBe(true);
  });

  it('never counts the later clicks of a multi-click', () => {
    expect(acceptsConfirm(openedAt, openedAt + 5_000, 2)).toBe(false);
    expect(acceptsConfirm(openedAt, openedAt + 5_000, 3)).toBe(false);
  });
});
