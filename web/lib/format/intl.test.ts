import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat } from './intl.ts';

describe('intl formatters', () => {
  it('makes one NumberFormat per locale and options, and formats as a new one would', () => {
    const format = numberFormat('zh-CN', { maximumFractionDigits: 2 });
    expect(numberFormat('zh-CN', { maximumFractionDigits: 2 })).toBe(format);
    expect(numberFormat('zh-CN', { maximumFractionDigits: 3 })).not.toBe(format);
    expect(numberFormat('en', { maximumFractionDigits: 2 })).not.toBe(format);
    expect(format.format(1234.5678)).toBe(new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(1234.5678));
    expect(numberFormat('en', { maximumFractionDigits: 3 }).format(1.23456)).toBe('1.235');
  });

  it('makes one DateTimeFormat per locale and options', () => {
    const options = { dateStyle: 'medium', timeZone: 'UTC' } as const;
    const format = dateTimeFormat('en', options);
    expect(dateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' })).toBe(format);
    expect(dateTimeFormat('zh-CN', options)).not.toBe(format);
    expect(format.format(new Date(Date.UTC(2026, 11, 3)))).toBe('Dec 3, 2026');
  });
});
