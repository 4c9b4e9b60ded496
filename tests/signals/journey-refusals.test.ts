/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of HTTP answers, checked by the assertions */
/**
 * Signals end to end over real HTTP (PRODUCT.md §4), refused and racing actions: forbidden,
 * concurrent and invalid actions change nothing and get a clear answer, by card and by API.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { EPMO, OTHER_T, PMO, TEAM, act, analyseAndEscalate, api, people, raiseThroughForm, startSignalsJourney } from './journey-support';

startSignalsJourney();

describe('forbidden, concurrent and invalid actions change nothing and get a clear answer', () => {
  let signalId: string;
  beforeAll(async () => {
    signalId = (await raiseThroughForm('Hosting contract renewal')).signalId;
  });

  it('refuses deciding a raised signal with the reason', async () => {
    const res = await api(people.owner, 'POST', `/api/signals/${signalId}/decide`, { outcome: 'approve_recommended', rationale: 'x' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'SIGNAL.INVALID_TRANSITION', message: 'A raised signal cannot be decided: it has to be triaged, analysed and escalated first.' });
  });

  it('a PMO lead of another domain cannot triage, by API or card; another tenant cannot see it', async () => {
    const res = await api(people.hrLead, 'POST', `/api/signals/${signalId}/triage`, {});
    expect(res.status).toBe(403);
    // They may not see the signal: told so as its page tells them, without naming its domain.
    expect(res.body.error.message).toBe('Only the PMO leads of its domain, the EPMO and the person who raised it can see this signal.');
    const card = await act(PMO, people.hrLead, 'signal.triage', { signalId });
    expect(card.text).toContain('can see this signal');
    expect(card.text).not.toContain('dom-it');
    const other = await api(people.outsider, 'POST', `/api/signals/${signalId}/triage`, {}, undefined, OTHER_T);
    expect(other.status).toBe(404);
    expect((await api(people.outsider, 'GET', `/api/signals/${signalId}`, undefined, undefined, OTHER_T)).status).toBe(404);
    expect((await api(people.outsider, 'GET', '/api/signals', undefined, undefined, OTHER_T)).body.items).toEqual([]);
    const unchanged = await api(people.itLead, 'GET', `/api/signals/${signalId}`);
    expect(unchanged.body.signal.state).toBe('raised');
    expect(unchanged.body.timeline).toHaveLength(1);
  });

  it('the raiser pressing a PMO action on a card, or the EPMO by API, is told whose it is, the domain by its name', async () => {
    const card = await act(TEAM, people.member, 'signal.triage', { signalId });
    expect(card.text).toContain('Only the PMO lead of the IT domain can do that.');
    expect(card.text).not.toContain('dom-it');
    const res = await api(people.epmo, 'POST', `/api/signals/${signalId}/triage`, {});
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/^Only the PMO lead of the IT domain can do that\. S-\d+ was not changed\.$/);
    expect((await api(people.itLead, 'GET', `/api/signals/${signalId}`)).body.signal.state).toBe('raised');
  });

  it('a signal card is shown only to whoever may see the signal, like GET /api/signals/:id', async () => {
    expect((await api(people.hrLead, 'GET', `/api/signals/${signalId}`)).status).toBe(403);
    for (const view of ['pmo', 'epmo', 'receipt']) {
      const seen = await act(PMO, people.hrLead, 'signal.view', { signalId, view });
      expect(seen.text).toContain('Only the PMO leads of its domain, the EPMO and the person who raised it can see this signal.');
      expect(seen.text).not.toContain('Hosting contract renewal');
      expect(seen.text).not.toContain('Two engineers left');
    }
    // The view shown when the card's data cannot be read follows the same rule.
    const unreadable = await act(EPMO, people.hrLead, 'signal.decide', { signalId, round: 'x' });
    expect(unreadable.text).toContain('can see this signal');
    expect(unreadable.text).not.toContain('Hosting contract renewal');
    // Those who may see it still do.
    expect((await act(PMO, people.itLead, 'signal.view', { signalId, view: 'pmo' })).text).toContain('Hosting contract renewal');
    expect((await act(TEAM, people.member, 'signal.view', { signalId, view: 'receipt' })).text).toContain('Hosting contract renewal');
  });

  it('an analysis whose options are too long to store together is refused with the reason (400), and nothing is saved', async () => {
    const raised = await raiseThroughForm('Data centre exit');
    expect((await api(people.itLead, 'POST', `/api/signals/${raised.signalId}/triage`, {})).status).toBe(200);
    const started = await api(people.itLead, 'POST', `/api/signals/${raised.signalId}/start-analysis`, {});
    expect(started.status).toBe(200);
    // Each field is within its own limit, but quotation marks and line breaks double in the stored JSON.
    const long = '"'.repeat(1990);
    const options = Array.from({ length: 6 }, (_, i) => ({ title: `Option ${i + 1}`, description: long, impact: long }));
    const saved = await api(people.itLead, 'PUT', `/api/signals/${raised.signalId}/analysis`, { options }, { 'If-Match': started.body.signal.etag });
    expect(saved.status).toBe(400);
    expect(saved.body.error.code).toBe('VALIDATION.INVALID');
    expect(saved.body.error.message).toContain('The options are too long together');
    expect(saved.body.error.details).toEqual([expect.objectContaining({ at: 'options' })]);
    const after = await api(people.itLead, 'GET', `/api/signals/${raised.signalId}`);
    expect(after.body.signal).toMatchObject({ state: 'analysing', options: [] });
    // The same analysis, shorter, is saved.
    const fits = options.map((o) => ({ ...o, description: 'Short', impact: 'Small' }));
    expect((await api(people.itLead, 'PUT', `/api/signals/${raised.signalId}/analysis`, { options: fits }, { 'If-Match': started.body.signal.etag })).status).toBe(200);
  });

  it('a team member or an EPMO member cannot decide; a double-submitted decision records one; two owners at once: one wins, the other is told who', async () => {
    await analyseAndEscalate(signalId);
    const byMember = await api(people.member, 'POST', `/api/signals/${signalId}/decide`, { outcome: 'reject', rationale: 'no' });
    expect(byMember.status).toBe(403);
    const byEpmoCard = await act(EPMO, people.epmo, 'signal.decide', { signalId, round: 1, outcome: 'reject', rationale: 'no' });
    expect(byEpmoCard.text).toContain('Only a strategy owner can do that');
    expect(byEpmoCard.text).not.toContain('Record decision');
    expect((await api(people.itLead, 'GET', `/api/signals/${signalId}`)).body.signal.state).toBe('escalated');

    // Double submit by the same person, and a second owner at the same moment.
    const body = { outcome: 'choose_other', chosenOptionId: 'o2', rationale: 'April is fine' };
    const results = await Promise.all([
      api(people.owner, 'POST', `/api/signals/${signalId}/decide`, body),
      api(people.owner, 'POST', `/api/signals/${signalId}/decide`, body),
      api(people.owner2, 'POST', `/api/signals/${signalId}/decide`, { outcome: 'reject', rationale: 'Not now' }),
    ]);
    const decisions = (await api(people.epmo, 'GET', '/api/decisions')).body.items.filter((d: any) => d.signalId === signalId);
    expect(decisions).toHaveLength(1);
    const winner = decisions[0].decidedBy.displayName;
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    const loser = results.find((r) => r.status === 409);
    expect(loser?.body.error.code).toBe('SIGNAL.ALREADY_DECIDED');
    expect(loser?.body.error.message).toBe(`${decisions[0].signalLabel} is already decided by ${winner}.`);
    if (winner === 'Sol Owner') expect(statuses.sort()).toEqual([200, 201, 409]);
  });
});
