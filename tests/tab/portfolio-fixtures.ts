/** Work items and objectives for the portfolio's pure-logic tests. */
import type { StatusReport, WorkItemView } from '../../bot/api-contract/portfolio';
import type { StrategicObjective } from '../../bot/portfolio/domain/portfolio';

export const objective = (id: string, code: string, priority: number, title = `Objective ${code}`): StrategicObjective => ({
  tenantId: 't1',
  id,
  code,
  title,
  description: '',
  ownerId: 'u1',
  ownerName: 'Sam Strategy',
  priority,
  createdAt: '2026-01-01T00:00:00.000Z',
});

type Overrides = Partial<Omit<WorkItemView, 'health'>> & { health?: Partial<WorkItemView['health']> };

export const workItem = (id: string, o: Overrides = {}): WorkItemView => ({
  tenantId: 't1',
  id,
  domainId: 'dom-it',
  title: `Item ${id}`,
  structure: 'project',
  mode: 'agile',
  stage: 'Beta',
  owner: { displayName: 'Ravi Rao' },
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  objectives: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  overall: 'green',
  stale: false,
  statusAgeDays: 3,
  etag: 'e',
  openSignals: 0,
  openSignalStates: [],
  unansweredChanges: 0,
  checkInOverdue: false,
  ...o,
  health: { schedule: 'green', cost: 'green', scope: 'green', benefit: 'green', ...o.health },
});

export const report = (at: string, o: Partial<StatusReport> = {}): StatusReport => ({
  at,
  by: { displayName: 'Ravi Rao' },
  source: 'tab',
  health: { schedule: 'green', cost: 'green', scope: 'green', benefit: 'green' },
  overall: 'green',
  stage: 'Beta',
  ...o,
});
