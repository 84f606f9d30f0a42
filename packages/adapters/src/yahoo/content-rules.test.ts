import { describe, expect, it } from 'vitest';
import { toDraft } from '@contactsync/core';
import { yahooContentRules } from './content-rules.js';

describe('Yahoo content rules', () => {
  it('refuses the category names the seed forbids (-40020), and accepts the rest', () => {
    const bad = ['Best Friends', 'a/b', 'a@b', 'a:b', 'a;b', '(a)', '[a]', '<a>', 'a,b', "a'b", 'a"b'];
    const errors = yahooContentRules(toDraft({ name: { given: 'A' }, categories: [...bad, 'Tom&Jerry', 'Friends', 'Ünïcode-ok_1'] }));
    expect(errors.map((e) => e.path)).toEqual(bad.map((_, i) => `categories.${i}`));
  });
});
