import { describe, expect, it } from '@jest/globals';
import { buildDemoSignals, seedDemoSignalsIfEmpty } from '../../bot/demo/demo-signals';
import { createMemorySignalStores } from '../support/memory-signal-stores';
import { DEMO_TENANT } from '../../bot/demo/demo-identities';

describe('demo signals', () => {
  it('cover raised, triaged, analysing with options, escalated and decided with a decision record', () => {
    const { changes } = buildDemoSignals(new Date('2026-03-10T09:00:00Z'));
    expect(changes.map((c) => c.signal.state)).toEqual(['raised', 'triaged', 'analysing', 'escalated', 'decided']);
    expect(changes[2]?.signal.options.length).toBeGreaterThanOrEqual(2);
    expect(changes[4]?.decision).toMatchObject({ outcome: 'approve_recommended', decidedBy: { displayName: 'Sam Strategy' } });
    for (const c of changes) expect(c.events.map((e) => e.seq)).toEqual(c.events.map((_, i) => i + 1));
  });

  it('are seeded once', async () => {
    const stores = createMemorySignalStores();
    expect(await seedDemoSignalsIfEmpty(stores.signals, new Date())).toBe(true);
    expect(await seedDemoSignalsIfEmpty(stores.signals, new Date())).toBe(false);
    expect(await stores.signals.list(DEMO_TENANT.tenantId)).toHaveLength(5);
    expect(await stores.decisions.list(DEMO_TENANT.tenantId)).toHaveLength(1);
    expect((await stores.signals.timeline(DEMO_TENANT.tenantId, 'sig-demo-5')).map((e) => e.action)).toContain('decide');
  });
});
