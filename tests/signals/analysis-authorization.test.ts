/**
 * Saving a signal's analysis (`PUT /api/signals/:id/analysis`) checks who is asking before it
 * compares versions: someone who may not analyse gets 403 whatever `If-Match` they send, and never
 * learns who changed the signal; `If-Match: *` is refused like everywhere a version is required.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { TEAM, act, api, people, raiseThroughForm, startSignalsJourney } from './journey-support';

startSignalsJourney();

describe('saving an analysis', () => {
  let signalId: string;
  let etag: string;
  const analysis = { options: [{ title: 'Hire a contractor', description: '', impact: '+£10k' }] };
  beforeAll(async () => {
    signalId = (await raiseThroughForm('Key engineer leaving')).signalId;
    expect((await api(people.itLead, 'POST', `/api/signals/${signalId}/triage`, {})).status).toBe(200);
    const started = await api(people.itLead, 'POST', `/api/signals/${signalId}/start-analysis`, {});
    expect(started.status).toBe(200);
    etag = started.body.signal.etag;
  });

  it('refuses people who may not analyse it (403) before looking at the version, naming nobody', async () => {
    for (const who of [people.hrLead, people.member, people.owner]) {
      const res = await api(who, 'PUT', `/api/signals/${signalId}/analysis`, analysis, { 'If-Match': '"bogus"' });
      expect([who.name, res.status]).toEqual([who.name, 403]);
      expect(res.body.error.message).not.toContain('Ivo');
    }
  });

  it('refuses If-Match: * (400) and saves nothing; the right version still saves', async () => {
    const star = await api(people.itLead, 'PUT', `/api/signals/${signalId}/analysis`, analysis, { 'If-Match': '*' });
    expect(star.status).toBe(400);
    expect(star.body.error.message).toMatch(/If-Match: \* is not accepted/);
    expect((await api(people.itLead, 'GET', `/api/signals/${signalId}`)).body.signal.options).toEqual([]);
    const stale = await api(people.itLead, 'PUT', `/api/signals/${signalId}/analysis`, analysis, { 'If-Match': '"bogus"' });
    expect(stale.status).toBe(412);
    const saved = await api(people.itLead, 'PUT', `/api/signals/${signalId}/analysis`, analysis, { 'If-Match': etag });
    expect(saved.status).toBe(200);
  });

  it('refuses control and text-direction characters in the options, naming the field', async () => {
    const current = await api(people.itLead, 'GET', `/api/signals/${signalId}`);
    const res = await api(people.itLead, 'PUT', `/api/signals/${signalId}/analysis`, { options: [{ title: 'Pay \u202Eevil', description: '', impact: '' }] }, { 'If-Match': current.body.signal.etag });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({ at: 'options.0.title', message: expect.stringMatching(/text-direction/) });
  });

  it('answers someone who may not see the signal as its page does, for every action, without naming its domain', async () => {
    const seen = await api(people.hrLead, 'GET', `/api/signals/${signalId}`);
    expect(seen.status).toBe(403);
    for (const [path, body] of [
      ['triage', {}],
      ['start-analysis', {}],
      ['escalate', {}],
      ['resolve', { resolution: 'Done' }],
    ] as const) {
      const res = await api(people.hrLead, 'POST', `/api/signals/${signalId}/${path}`, body);
      expect([path, res.status, res.body.error.message]).toEqual([path, 403, seen.body.error.message]);
      expect(res.body.error.message).not.toContain('dom-it');
    }
  });

  it('a card refuses a title with text-direction characters, says what to do, and raises nothing', async () => {
    const before = (await api(people.member, 'GET', '/api/signals?mine=true')).body.items.length;
    const { text } = await act(TEAM, people.member, 'signal.raise', { kind: 'risk', title: 'Invoice \u202Egnp.exe', details: 'x', urgency: 'high', workItemId: 'wi-web' });
    expect(text).toContain('control or text-direction characters');
    const comment = await act(TEAM, people.member, 'signal.raise', { kind: 'risk', title: 'Fine title', details: 'Bell \u0007', urgency: 'high', workItemId: 'wi-web' });
    expect(comment.text).toContain('control or text-direction characters');
    expect((await api(people.member, 'GET', '/api/signals?mine=true')).body.items.length).toBe(before);
  });
});
