// The buyer's rule for merchants without much history, persisted in this browser.
import { DEFAULT_RULE, type NewMerchantRule, parseRule } from './new-merchant.ts';

const KEY = 'chainmart:new-merchant-rule';

function load(): NewMerchantRule {
  try {
    return parseRule(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
  } catch {
    return DEFAULT_RULE;
  }
}

class NewMerchantLimit {
  current = $state<NewMerchantRule>(typeof localStorage === 'undefined' ? DEFAULT_RULE : load());

  save(rule: NewMerchantRule): void {
    this.current = rule;
    localStorage.setItem(KEY, JSON.stringify({ minCompletedOrders: rule.minCompletedOrders, maxOrderTotal: rule.maxOrderTotal.toString() }));
  }
}

export const newMerchantLimit = new NewMerchantLimit();
