/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of HTTP answers, checked by the assertions */
/**
 * Signals as the portfolio shows them, end to end over real HTTP: each raise, escalation and
 * closure changes the next read of the domain's portfolio page and of the EPMO roll-up (their
 * activity is kept per domain and marked by every signal write).
 */
import { describe, expect, it } from '@jest/globals';
import { analyseAndEscalate, api, people, raiseThroughForm, startSignalsJourney } from './journey-support';

startSignalsJourney();

/** What the IT PMO lead's page and the EPMO's roll-up show of the IT domain's signals now. */
async function shown(): Promise<{ item: any; byState: Record<string, number>; rollup: any }> {
  const page = await api(people.itLead, 'GET', '/api/domains/dom-it/portfolio');
  expect(page.status).toBe(200);
  const rollup = await api(people.epmo, 'GET', '/api/portfolio/rollup');
  expect(rollup.status).toBe(200);
  return {
    item: page.body.items.find((i: any) => i.id === 'wi-web'),
    byState: page.body.kpis.openSignalsByState,
    rollup: rollup.body.domains.find((d: any) => d.domain.id === 'dom-it'),
  };
}

describe('the portfolio follows the signals', () => {
  it('a raise, an escalation and a closure each show on the next page and roll-up', async () => {
    const start = await shown();
    expect(start.item.openSignals).toBe(0);
    expect(start.rollup).toMatchObject({ openEscalations: 0, kpis: { openSignalsByState: {} } });

    const first = await raiseThroughForm('Vendor may miss the March release');
    const raised = await shown();
    expect(raised.item).toMatchObject({ openSignals: 1, openSignalStates: ['raised'] });
    expect(raised.byState).toEqual({ raised: 1 });
    expect(raised.rollup.kpis.openSignalsByState).toEqual({ raised: 1 });

    await analyseAndEscalate(first.signalId);
    const escalated = await shown();
    expect(escalated.item).toMatchObject({ openSignals: 1, openSignalStates: ['escalated'] });
    expect(escalated.byState).toEqual({ escalated: 1 });
    expect(escalated.rollup).toMatchObject({ openEscalations: 1, kpis: { openSignalsByState: { escalated: 1 } } });

    const second = await raiseThroughForm('Build server is out of disk');
    expect((await shown()).item.openSignals).toBe(2);
    const closed = await api(people.itLead, 'POST', `/api/signals/${second.signalId}/close`, { reason: 'not_actionable', comment: 'Disk replaced.' });
    expect(closed.status).toBe(200);
    const after = await shown();
    expect(after.item).toMatchObject({ openSignals: 1, openSignalStates: ['escalated'] });
    expect(after.byState).toEqual({ escalated: 1 });
    expect(after.rollup).toMatchObject({ openEscalations: 1, kpis: { openSignalsByState: { escalated: 1 } } });
  });
});
