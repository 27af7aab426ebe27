import { describe, expect, it } from 'vitest';
import { accountName } from './names.ts';

const address = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';

describe('shop names', () => {
  it('takes the profile name in the user language, else the other one', () => {
    expect(accountName(address, { 'zh-CN': '云南茶庄', en: 'Yunnan Tea' }, 'en', 'Shop').name).toBe('Yunnan Tea');
    expect(accountName(address, { 'zh-CN': '云南茶庄' }, 'en', 'Shop')).toEqual({ name: '云南茶庄', published: true, address });
  });

  it('falls back to a label with the short address when there is no published name', () => {
    expect(accountName(address, null, 'zh-CN', '店铺')).toEqual({ name: '店铺 0x7099…79c8', published: false, address });
    expect(accountName(address, { 'zh-CN': '  ' }, 'zh-CN', '店铺').published).toBe(false);
  });
});
