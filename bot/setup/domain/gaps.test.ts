import { describe, expect, it } from '@jest/globals';
import { MAX_GAP_ENTRIES, type SetupFacts, setupGaps } from './gaps';

const facts = (over: Partial<SetupFacts> = {}): SetupFacts => ({
  domains: [],
  objectives: [],
  objectivesInUse: new Set(),
  items: [],
  reached: [{ kind: 'epmo' }],
  lost: [],
  appUsers: [],
  withRoles: new Set(),
  ledDomains: new Set(['d1']),
  ...over,
});

describe('setup gaps', () => {
  it('is empty when everything is set up', () => {
    expect(setupGaps(facts({ domains: [{ id: 'd1', name: 'IT' }], reached: [{ kind: 'epmo' }, { kind: 'pmo', domainId: 'd1' }] }))).toEqual([]);
  });

  it('lists domains nobody leads first, with the fix in People and roles', () => {
    const gaps = setupGaps(facts({ domains: [{ id: 'd1', name: 'IT' }, { id: 'd2', name: 'Legal' }], reached: [{ kind: 'epmo' }, { kind: 'pmo', domainId: 'd1' }, { kind: 'pmo', domainId: 'd2' }] }));
    expect(gaps).toEqual([
      { kind: 'pmoLead', title: 'Domains without a PMO lead', fix: expect.stringMatching(/^Give someone the PMO lead role for each domain/), fixIn: 'people', total: 1, entries: [{ id: 'd2', name: 'Legal', detail: 'Give someone the PMO lead role for Legal.' }] },
    ]);
  });

  it('lists at most 50 entries of a gap and counts them all', () => {
    const items = Array.from({ length: 120 }, (_, i) => ({ id: `wi-${i}`, title: `Item ${String(i).padStart(3, '0')}`, domainId: 'd1' }));
    const [teams] = setupGaps(facts({ domains: [{ id: 'd1', name: 'IT' }], reached: [{ kind: 'epmo' }, { kind: 'pmo', domainId: 'd1' }], items }));
    expect(teams?.kind).toBe('teamConversation');
    expect(teams?.total).toBe(120);
    expect(teams?.entries).toHaveLength(MAX_GAP_ENTRIES);
    expect(teams?.domains).toEqual([{ id: 'd1', name: 'IT', total: 120 }]);
    expect(teams?.entries[0]).toMatchObject({ name: 'Item 000', command: '@PMO Relay link team Item 000', detail: 'IT: no team channel or chat is linked to it.' });
  });

  it('names an item by id in the command when another item has the same title', () => {
    const items = [{ id: 'wi-1', title: 'Pilot', domainId: 'd1' }, { id: 'wi-2', title: 'pilot', domainId: 'd2' }, { id: 'wi-3', title: 'Rollout', domainId: 'd1' }];
    const domains = [{ id: 'd1', name: 'IT' }, { id: 'd2', name: 'HR' }];
    const reached = [{ kind: 'epmo' as const }, { kind: 'pmo' as const, domainId: 'd1' }, { kind: 'pmo' as const, domainId: 'd2' }];
    const commands = setupGaps(facts({ domains, reached, items })).find((g) => g.kind === 'teamConversation')?.entries.map((e) => e.command);
    // By domain, then title.
    expect(commands).toEqual(['@PMO Relay link team wi-2', '@PMO Relay link team wi-1', '@PMO Relay link team Rollout']);
  });

  it('says when the linked conversation lost PMO Relay, unless another linked conversation still reaches the target', () => {
    const domains = [{ id: 'd1', name: 'IT' }, { id: 'd2', name: 'HR' }];
    const gaps = setupGaps(facts({ domains, reached: [{ kind: 'pmo', domainId: 'd2' }], lost: [{ kind: 'pmo', domainId: 'd1' }, { kind: 'pmo', domainId: 'd2' }, { kind: 'epmo' }] }));
    expect(gaps.find((g) => g.kind === 'pmoChannel')?.entries.map((e) => [e.name, e.detail])).toEqual([['IT', 'Its linked conversation no longer has PMO Relay (the app was removed from it).']]);
    expect(gaps.find((g) => g.kind === 'epmoChannel')?.entries[0]?.detail).toMatch(/no longer has PMO Relay/);
  });

  it('lists people who used the app without a role once, saying how they used it', () => {
    const appUsers = [
      { userId: 'u1', name: 'Ada', via: 'bot' as const },
      { userId: 'u1', name: 'Ada', via: 'tab' as const },
      { userId: 'u2', name: 'Bo', via: 'tab' as const },
      { userId: 'u3', name: 'Cy', via: 'bot' as const },
    ];
    const people = setupGaps(facts({ appUsers, withRoles: new Set(['u3']) })).find((g) => g.kind === 'personRole');
    expect(people?.entries.map((e) => [e.name, e.detail])).toEqual([
      ['Ada', 'Talked to the bot and signed in to the tab.'],
      ['Bo', 'Signed in to the tab.'],
    ]);
    expect(people?.fixIn).toBe('people');
  });

  it('lists objectives no item is aligned to', () => {
    const objectives = [{ id: 'o1', code: 'OBJ-1', title: 'Grow' }, { id: 'o2', code: 'OBJ-2', title: 'Save' }];
    const gap = setupGaps(facts({ objectives, objectivesInUse: new Set(['o1']) })).find((g) => g.kind === 'objectiveItems');
    expect(gap?.entries.map((e) => e.name)).toEqual(['OBJ-2 Save']);
  });
});
