/** Hash routes of the signals pages: the inbox, one signal, the EPMO queue and the decision log. */
import { describe, expect, it } from '@jest/globals';
import { decisionsHash, epmoHash, parseRoute, signalHash, signalsHash } from '../../tab/src/shared/route';

describe('signals routes', () => {
  it('parses the inbox, a signal, the EPMO queue (with a selected escalation) and the decision log', () => {
    expect(parseRoute('#/signals')).toEqual({ page: 'signals' });
    expect(parseRoute('#/signals/sig-7')).toEqual({ page: 'signal', signalId: 'sig-7' });
    expect(parseRoute('#/epmo')).toEqual({ page: 'epmo' });
    expect(parseRoute('#/epmo?signal=sig-7')).toEqual({ page: 'epmo', signalId: 'sig-7' });
    expect(parseRoute('#/decisions')).toEqual({ page: 'decisions' });
  });

  it('round-trips the hash helpers, including ids that need escaping', () => {
    expect(parseRoute(signalsHash())).toEqual({ page: 'signals' });
    expect(parseRoute(signalHash('sig 1/b'))).toEqual({ page: 'signal', signalId: 'sig 1/b' });
    expect(parseRoute(epmoHash('sig&1'))).toEqual({ page: 'epmo', signalId: 'sig&1' });
    expect(parseRoute(epmoHash())).toEqual({ page: 'epmo' });
    expect(parseRoute(decisionsHash())).toEqual({ page: 'decisions' });
  });
});
