/** The tenant admin's calls (issue #11): domains, objectives, people and their roles, and the record of role changes. */
import type { ApiClient } from '../api/client';
import type { PeopleResponse, PeopleSearchResponse, PersonResponse, RoleChangesResponse } from '../../../bot/api-contract/people';
import type { DomainResponse, ObjectiveResponse, WorkItemsResponse } from '../../../bot/api-contract/portfolio';
import type { CheckInCadence } from '../../../bot/portfolio/domain/portfolio';
import type { RoleAssignment } from '../../../bot/kernel/roles';

export type { DomainResponse, ObjectiveResponse, PeopleSearchResponse, PersonResponse, RoleAssignment, RoleChangesResponse, CheckInCadence };
export type PersonMatch = PeopleSearchResponse['people'][number];

/** What the domain form sends. */
export interface DomainBody {
  readonly name: string;
  readonly description: string;
  readonly freshnessDays: number;
  readonly checkInCadence: CheckInCadence;
}

/** What the objective form sends. */
export interface ObjectiveBody {
  readonly code: string;
  readonly title: string;
  readonly description: string;
  readonly priority: number;
  readonly ownerId: string;
  readonly ownerName: string;
}

const at = (path: string, id: string) => `${path}/${encodeURIComponent(id)}`;

export function adminApi(api: ApiClient) {
  const t = api.transport;
  const ifMatch = (etag: string) => ({ 'If-Match': etag });
  return {
    domains: (signal?: AbortSignal) => api.domains(signal),
    createDomain: (body: DomainBody) => t.json<DomainResponse>('POST', '/api/domains', { body }),
    updateDomain: (d: DomainResponse, body: Partial<DomainBody>) => t.json<DomainResponse>('PATCH', at('/api/domains', d.id), { body, headers: ifMatch(d.etag) }),
    objectives: (signal?: AbortSignal) => api.objectives(signal),
    createObjective: (body: ObjectiveBody) => t.json<ObjectiveResponse>('POST', '/api/objectives', { body }),
    updateObjective: (o: ObjectiveResponse, body: Partial<ObjectiveBody> | { status: ObjectiveResponse['status'] }) =>
      t.json<ObjectiveResponse>('PATCH', at('/api/objectives', o.id), { body, headers: ifMatch(o.etag) }),
    deleteObjective: (o: ObjectiveResponse) => t.json<undefined>('DELETE', at('/api/objectives', o.id), { headers: ifMatch(o.etag) }),
    people: (signal?: AbortSignal) => t.json<PeopleResponse>('GET', '/api/people', signal ? { signal } : {}),
    searchPeople: (q: string, signal?: AbortSignal) => t.json<PeopleSearchResponse>('GET', `/api/people/search?q=${encodeURIComponent(q)}`, signal ? { signal } : {}),
    setRoles: (person: { readonly userId: string; readonly displayName: string; readonly email?: string }, roles: readonly RoleAssignment[]) =>
      t.json<PersonResponse>('PUT', at('/api/people', person.userId), { body: { displayName: person.displayName, ...(person.email ? { email: person.email } : {}), roles } }),
    roleChanges: (continuation?: string, signal?: AbortSignal) =>
      t.json<RoleChangesResponse>('GET', `/api/people/role-changes${continuation ? `?continuation=${encodeURIComponent(continuation)}` : ''}`, signal ? { signal } : {}),
    workItems: (domainId: string, signal?: AbortSignal) => t.json<WorkItemsResponse>('GET', `/api/work-items?domainId=${encodeURIComponent(domainId)}`, signal ? { signal } : {}),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
