/** What a person sees in chat when their turn fails: storage down, storage busy, or our fault. */
import { describe, expect, it } from '@jest/globals';

import { StorageUnavailable } from '../../bot/kernel/storage-unavailable';
import { turnErrorCard } from '../../bot/platform/teams/relay-bot';
import { cardText } from '../support/adaptive-card';

describe('the card a failed turn answers with', () => {
  it('says the change was not saved and to try again in a moment when the domain is too busy', () => {
    const text = cardText(turnErrorCard(new Error('wrapped', { cause: new StorageUnavailable(1, { busy: true }) })));
    expect(text).toContain('Many changes to this domain are being saved at once, so yours was not saved. Try again in a moment.');
    expect(text).toContain('STORAGE.BUSY');
  });

  it('says it is very busy and to try again in a moment when storage answered too slowly under load', () => {
    const text = cardText(turnErrorCard(new StorageUnavailable(1, { slow: true })));
    expect(text).toContain('PMO Relay is very busy right now and could not finish this in time. Try again in a moment.');
    expect(text).toContain('STORAGE.BUSY');
    expect(text).not.toContain('tell your admin');
  });

  it('says storage cannot be reached when it is down, and something went wrong otherwise', () => {
    expect(cardText(turnErrorCard(new StorageUnavailable(5)))).toContain('cannot reach its storage');
    const ours = cardText(turnErrorCard(new Error('a bug')));
    expect(ours).toContain('INTERNAL');
    expect(ours).not.toContain('storage');
  });
});
