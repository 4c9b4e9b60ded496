/**
 * A signal ready for a decision, for bench:load's `signal.decide` invokes: its domain's PMO lead
 * triages it, analyses it (two options, the first recommended) and escalates it, through the API.
 */
async function call(url: string, bearer: string, method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, { method, headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Escalates the signal and returns its id. */
export async function escalateForDecision(url: string, lead: string, signalId: string): Promise<string> {
  await call(url, lead, 'POST', `/api/signals/${signalId}/triage`, { comment: 'On it' });
  const started = await call(url, lead, 'POST', `/api/signals/${signalId}/start-analysis`, {});
  const analysis = {
    context: { objectiveIds: [], schedule: 'high', cost: 'medium', benefit: 'low', risk: 'high', narrative: 'Slips the launch.' },
    options: [
      { title: 'Add a second vendor', description: '', impact: '+£40k, keeps the date' },
      { title: 'Slip a month', description: '', impact: 'No cost, one month late' },
    ],
    recommendation: { optionIndex: 0, rationale: 'The date matters more' },
  };
  await call(url, lead, 'PUT', `/api/signals/${signalId}/analysis`, analysis, { 'If-Match': (started.signal as { etag: string }).etag });
  await call(url, lead, 'POST', `/api/signals/${signalId}/escalate`, { decisionWorkingDays: 3 });
  return signalId;
}
