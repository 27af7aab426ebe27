import { describe, expect, it } from 'vitest';
import { NEW_CATEGORY, categoryChoice, categoryValue, isKnownCategory } from './categories.ts';

describe('category picker', () => {
  it('knows the catalog codes', () => {
    expect(isKnownCategory('tea')).toBe(true);
    expect(isKnownCategory('茶')).toBe(false);
  });

  it('maps a stored category to the picker and back', () => {
    expect(categoryChoice('ceramics')).toEqual({ choice: 'ceramics', custom: '' });
    expect(categoryChoice(' 手工皂 ')).toEqual({ choice: NEW_CATEGORY, custom: '手工皂' });
    expect(categoryChoice('')).toEqual({ choice: '', custom: '' });
    expect(categoryValue('tea', 'ignored')).toBe('tea');
    expect(categoryValue(NEW_CATEGORY, ' 手工皂 ')).toBe('手工皂');
  });
});
