import { describe, expect, it } from '@jest/globals';

import { compositeKey, decodeKey, encodeKey, prefixRange } from './keys';

/** Whether a key holds a character Table Storage forbids: slash, backslash, # ? or a control character. */
const hasForbidden = (key: string): boolean =>
  [...key].some((ch) => '/\\#?'.includes(ch) || ch.charCodeAt(0) <= 0x1f || (ch.charCodeAt(0) >= 0x7f && ch.charCodeAt(0) <= 0x9f));

describe('table keys', () => {
  const ids = [
    '19:abc123def456@thread.tacv2',
    'a:1xYzQ-8kq3_Lm9rTnAbCdEf',
    '29:1AbCdEf-0123456789_AbC',
    "19:x/y\\z#q?r;messageid=1 'quoted' élan\n🚦",
    '~looks-encoded',
    '',
  ];

  it('round-trips any id and never produces a forbidden character', () => {
    for (const id of ids) {
      const key = encodeKey(id);
      expect(hasForbidden(key)).toBe(false);
      expect(decodeKey(key)).toBe(id);
    }
  });

  it('leaves plain ids readable', () => {
    expect(encodeKey('11111111-1111-4111-8111-111111111111')).toBe('11111111-1111-4111-8111-111111111111');
    expect(encodeKey('wi_abc123')).toBe('wi_abc123');
  });

  it('bounds a prefix range so that only keys with exactly that leading part fall inside', () => {
    const { from, to } = prefixRange('c', '19:abc@thread.tacv2');
    const inside = compositeKey('c', '19:abc@thread.tacv2', 'epmo');
    const longerId = compositeKey('c', '19:abc@thread.tacv2x', 'epmo');
    const otherKind = compositeKey('t', 'epmo', '19:abc@thread.tacv2');
    expect(inside >= from && inside < to).toBe(true);
    expect(longerId >= from && longerId < to).toBe(false);
    expect(otherKind >= from && otherKind < to).toBe(false);
  });
});
