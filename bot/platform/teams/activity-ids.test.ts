/** Entra ids read from Teams activities are kept in lower case, whatever case Teams sent. */
import { describe, expect, it } from '@jest/globals';
import { callerOf, sightingOf, tenantOf } from './activity';

const TENANT = '5E1A0000-0000-4000-8000-0000000000A1';
const USER = 'A0000000-0000-4000-8000-00000000000B';

describe('ids from an activity', () => {
  it('name the same tenant and person in upper and lower case', () => {
    const activity = { conversation: { id: 'a:1', name: '', conversationType: 'personal', tenantId: TENANT, isGroup: false }, from: { id: '29:1', name: 'Ana', aadObjectId: USER } };
    expect(tenantOf(activity)).toBe(TENANT.toLowerCase());
    expect(callerOf(activity).userId).toBe(USER.toLowerCase());
    expect(sightingOf(activity, TENANT.toLowerCase()).userId).toBe(USER.toLowerCase());
    expect(tenantOf({ channelData: { tenant: { id: ` ${TENANT} ` } } })).toBe(TENANT.toLowerCase());
  });
});
