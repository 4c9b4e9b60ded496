import { describe, expect, it } from '@jest/globals';
import type { DeliveryProgress } from '../../bot/delivery/domain/delivery';
import type { ImpactRollup, StrategyChange } from '../../bot/changes/domain/strategy-change';
import type { CascadeDomain, CascadeRecipient, ChangeSummary } from '../../bot/api-contract/changes';
import {
  deliveryText,
  domainRows,
  filterChanges,
  isFanOutRunning,
  refreshInterval,
  respondedRatio,
  respondedText,
  sortChanges,
} from '../../tab/src/changes/progress';
import { relativeDay } from '../../tab/src/shared/dates';
import { teamsHostConfig } from '../../tab/src/changes/hostConfig';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

const delivery = (over: Partial<DeliveryProgress> = {}): DeliveryProgress => ({ total: 10, queued: 0, sent: 10, failed: 0, unreachable: 0, ...over });
const rollup = (over: Partial<ImpactRollup> = {}): ImpactRollup => ({
  recipients: 8,
  responded: 2,
  acknowledged: 2,
  assessed: 1,
  pending: 6,
  overdue: 0,
  unreachable: 0,
  impacts: { none: 0, low: 1, medium: 0, high: 0 },
  ...over,
});

const summary = (id: string, state: StrategyChange['state'], respondBy: string, updatedAt = '2026-11-01T00:00:00Z'): ChangeSummary => ({
  change: {
    tenantId: 't',
    id,
    version: 1,
    state,
    title: id,
    summary: '',
    kind: 'policy',
    objectiveIds: [],
    domainIds: [],
    requiredResponse: 'acknowledge',
    respondBy,
    authorId: 'u',
    authorName: 'Sam',
    createdAt: updatedAt,
    updatedAt,
  },
  etag: 'e',
  overdue: false,
  url: `https://x/#/changes/${id}`,
});

describe('progress', () => {
  it('is the share of reached recipients that responded, never over 1, and 0 when nobody was reached', () => {
    expect(respondedRatio(rollup())).toBe(0.25);
    expect(respondedRatio(rollup({ recipients: 0, responded: 0 }))).toBe(0);
    expect(respondedRatio(rollup({ recipients: 2, responded: 3 }))).toBe(1);
    expect(respondedText(rollup())).toBe('2 of 8 responded');
  });

  it('tells a running fan-out from a finished one, with problems spelled out', () => {
    expect(isFanOutRunning(delivery({ queued: 4, sent: 6 }))).toBe(true);
    expect(isFanOutRunning(delivery())).toBe(false);
    expect(isFanOutRunning(undefined)).toBe(false);
    expect(deliveryText(delivery({ queued: 4, sent: 6 }), 10)).toBe('Sending: 6 of 10');
    expect(deliveryText(delivery({ sent: 8, failed: 1, unreachable: 1 }), 10)).toBe('Delivered to 8 of 10 recipients (1 failed, 1 unreachable)');
    expect(deliveryText(delivery({ total: 0, sent: 0 }), 0)).toBe('Nothing to send');
    // Recipients with no Teams conversation get no card: counted, and said so.
    expect(deliveryText(delivery({ total: 4, sent: 4 }), 5)).toBe('Delivered to 4 of 5 recipients (1 with no Teams conversation)');
    expect(deliveryText(delivery({ total: 0, sent: 0 }), 1)).toBe('Delivered to 0 of 1 recipient (1 with no Teams conversation)');
  });

  it('refreshes every few seconds while sending, slowly while answers come in, not at all when closed', () => {
    expect(refreshInterval('published', delivery({ queued: 1, sent: 9 }))).toBe(3_000);
    expect(refreshInterval('published', delivery())).toBe(20_000);
    expect(refreshInterval('withdrawn', delivery())).toBeUndefined();
    expect(refreshInterval('draft', undefined)).toBeUndefined();
  });
});

describe('the list', () => {
  const items = [
    summary('closed-old', 'withdrawn', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z'),
    summary('late', 'published', '2026-12-20T00:00:00Z'),
    summary('draft', 'draft', '2026-12-30T00:00:00Z'),
    summary('soon', 'published', '2026-12-01T00:00:00Z'),
    summary('closed-new', 'superseded', '2026-10-01T00:00:00Z', '2026-11-20T00:00:00Z'),
  ];

  it('puts drafts first, then published by respond-by, then closed ones newest first', () => {
    expect(sortChanges(items).map((s) => s.change.id)).toEqual(['draft', 'soon', 'late', 'closed-new', 'closed-old']);
  });

  it('shows drafts and published changes by default, or one state, or all', () => {
    expect(filterChanges(items, 'active').map((s) => s.change.id).sort()).toEqual(['draft', 'late', 'soon']);
    expect(filterChanges(items, 'withdrawn').map((s) => s.change.id)).toEqual(['closed-old']);
    expect(filterChanges(items, 'all')).toHaveLength(5);
  });

  it('says when a response is due in words', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(relativeDay('2026-11-27T18:00:00Z', now)).toBe('today');
    expect(relativeDay('2026-11-28T18:00:00Z', now)).toBe('tomorrow');
    expect(relativeDay('2026-12-02T12:00:00Z', now)).toBe('in 5 days');
    expect(relativeDay('2026-11-25T12:00:00Z', now)).toBe('2 days ago');
  });
});

describe('the cascade', () => {
  const recipient = (title: string, role: CascadeRecipient['role']): CascadeRecipient => ({
    conversationId: title,
    role,
    title,
    workItems: [],
    status: 'pending',
    acknowledged: false,
    responses: [],
    overdue: false,
    delivery: 'sent',
  });

  it("lists a domain's PMO channel first, then its teams by name", () => {
    const domain: CascadeDomain = { domainId: 'dom-it', name: 'IT', pmo: recipient('IT PMO', 'pmo'), teams: [recipient('Team 10', 'team'), recipient('Team 9', 'team')], rollup: rollup() };
    expect(domainRows(domain).map((r) => r.title)).toEqual(['IT PMO', 'Team 9', 'Team 10']);
    const { pmo: _pmo, ...withoutPmo } = domain;
    expect(domainRows(withoutPmo).map((r) => r.title)).toEqual(['Team 9', 'Team 10']);
  });
});

describe("the preview's host config", () => {
  it('is a complete Teams host config the renderer accepts, with every container style', () => {
    const json = teamsHostConfig();
    const config = new AC.HostConfig(json);
    expect(config.fontSizes.default).toBe(14);
    expect(config.supportsInteractivity).toBe(true);
    for (const style of ['default', 'emphasis', 'accent', 'good', 'attention', 'warning'] as const) {
      expect(json.containerStyles[style].backgroundColor).toMatch(/^var\(--/);
      expect(json.containerStyles[style].foregroundColors.default.default).toMatch(/^var\(--/);
    }
  });
});
