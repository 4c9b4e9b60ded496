/** The admin forms' checks before sending: what an admin is told beside each field, and what is sent. */
import { describe, expect, it } from '@jest/globals';
import type { RoleAssignment } from '../../bot/kernel/roles';
import { bodyOf, cadenceText, domainProblems, draftOf } from '../../tab/src/admin/domain-form';
import { objectiveBodyOf, objectiveDraftOf, objectiveProblems, strategyPeople } from '../../tab/src/admin/objective-form';

const zones = ['UTC', 'Europe/London'];

describe('domain form', () => {
  it('starts from the default cadence and sends numbers and the cadence as typed', () => {
    const draft = { ...draftOf(), name: ' Legal ', freshnessDays: '21', time: '10:30', timeZone: 'Europe/London' };
    expect(domainProblems(draft, ['IT'], zones)).toEqual({});
    expect(bodyOf(draft)).toEqual({
      name: 'Legal',
      description: '',
      freshnessDays: 21,
      checkInCadence: { enabled: true, weekday: 'monday', time: '10:30', timeZone: 'Europe/London', answerWithinHours: 48, remindHoursBefore: 24 },
    });
  });

  it('says what is wrong beside each field', () => {
    const draft = { ...draftOf(), name: 'it', freshnessDays: '0', time: '9:5', timeZone: 'Mars', answerWithinHours: '10', remindHoursBefore: '12' };
    expect(domainProblems(draft, ['IT'], zones)).toEqual({
      name: 'A domain named "it" already exists. Choose another name.',
      freshnessDays: 'Enter whole days from 1 to 365.',
      'checkInCadence.time': 'Enter a time of day as HH:MM, e.g. 09:00.',
      'checkInCadence.timeZone': 'Choose a time zone from the list, e.g. Europe/London.',
      'checkInCadence.remindHoursBefore': 'The reminder must go out before answers are due: fewer hours than the time to answer.',
    });
  });

  it('describes a cadence in a few words', () => {
    expect(cadenceText(undefined)).toBe('Mondays at 09:00 (UTC)');
    expect(cadenceText({ enabled: false, weekday: 'friday', time: '16:00', timeZone: 'UTC', answerWithinHours: 24, remindHoursBefore: 2 })).toBe('Off');
  });
});

describe('objective form', () => {
  it('keeps codes unique, priorities from 1 to the number of objectives, and wants an owner', () => {
    const draft = { ...objectiveDraftOf(undefined, 4), code: 'obj-1', title: ' ' };
    expect(objectiveProblems({ ...draft, priority: '5' }, ['OBJ-1'], 4)).toEqual({
      code: 'An objective with code "obj-1" already exists. Choose another code.',
      title: 'Give the objective a title.',
      priority: 'Enter a priority from 1 (highest) to 4.',
      ownerId: 'Choose the strategy owner who owns it.',
    });
    const good = { ...draft, code: 'OBJ-4', title: 'Grow', ownerId: 'u1', ownerName: 'Sam Strategy' };
    expect(objectiveProblems(good, ['OBJ-1'], 4)).toEqual({});
    expect(objectiveBodyOf(good)).toEqual({ code: 'OBJ-4', title: 'Grow', description: '', priority: 4, ownerId: 'u1', ownerName: 'Sam Strategy' });
  });

  it('offers only strategy owners as owners, not every EPMO member', () => {
    const person = (displayName: string, roles: RoleAssignment[]) => ({ tenantId: 't', userId: displayName, displayName, roles, roleLabels: [] });
    const people = [person('Erin Epmo', [{ role: 'epmo_member' }]), person('Sam Strategy', [{ role: 'epmo_member' }, { role: 'strategy_owner' }]), person('Ada Admin', [{ role: 'tenant_admin' }])];
    expect(strategyPeople(people).map((p) => p.displayName)).toEqual(['Sam Strategy']);
  });
});
