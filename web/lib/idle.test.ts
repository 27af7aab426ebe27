import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from './idle.ts';

describe('whenIdle', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('waits `after` ms, then for the browser to be idle, and cancels at either stage', () => {
    vi.useFakeTimers();
    const idle: { run: () => void; timeout?: number }[] = [];
    vi.stubGlobal('requestIdleCallback', (run: () => void, o: { timeout?: number }) => idle.push({ run, timeout: o.timeout }) - 1);
    vi.stubGlobal('cancelIdleCallback', (handle: number) => idle.splice(handle, 1));
    const run = vi.fn();
    whenIdle(run, { after: 1500, timeout: 2000 });
    vi.advanceTimersByTime(1499);
    expect(idle).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(idle).toEqual([{ run, timeout: 2000 }]);
    expect(run).not.toHaveBeenCalled();
    idle[0].run();
    expect(run).toHaveBeenCalledTimes(1);

    const early = vi.fn();
    whenIdle(early, { after: 1500 })();
    vi.advanceTimersByTime(5000);
    expect(idle).toHaveLength(1); // only the first one's request
    expect(early).not.toHaveBeenCalled();

    const late = vi.fn();
    const cancel = whenIdle(late);
    expect(idle).toHaveLength(2);
    cancel();
    expect(idle).toHaveLength(1);
  });

  it('falls back to a short timer where the browser has no requestIdleCallback', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const run = vi.fn();
    whenIdle(run);
    vi.advanceTimersByTime(49);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
