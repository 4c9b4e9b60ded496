/** The channel tab's binding: who may bind it to what, the settings Save stores, and reading them back. */
import { describe, expect, it } from '@jest/globals';
import { ROLLUP, bindingOptions, choiceOfContentUrl, domainChoice, tabSettingsFor } from '../../tab/src/config/binding';

const domains = [{ id: 'dom-it', name: 'IT' }, { id: 'rollup', name: 'Odd id' }];

describe('channel tab binding', () => {
  it('offers the roll-up only to the EPMO and tenant admins', () => {
    expect(bindingOptions({ roles: [{ role: 'epmo_member' }] }, domains).map((o) => o.label)).toEqual(['EPMO roll-up: every domain', 'IT portfolio', 'Odd id portfolio']);
    expect(bindingOptions({ roles: [{ role: 'tenant_admin' }] }, []).map((o) => o.value)).toEqual([ROLLUP]);
    expect(bindingOptions({ roles: [{ role: 'pmo_lead', domainId: 'dom-it' }] }, domains.slice(0, 1)).map((o) => o.value)).toEqual(['domain:dom-it']);
  });

  it('saves a content URL that opens the portfolio, and reads the choice back from it', () => {
    const [rollup, it, odd] = bindingOptions({ roles: [{ role: 'strategy_owner' }] }, domains);
    const settings = [rollup, it, odd].map((o) => tabSettingsFor(o!, 'https://tab.example/index.html'));
    expect(settings.map((s) => s.contentUrl)).toEqual(['https://tab.example/index.html#/rollup', 'https://tab.example/index.html#/portfolio?domain=dom-it', 'https://tab.example/index.html#/portfolio?domain=rollup']);
    expect(settings.map((s) => choiceOfContentUrl(s.contentUrl))).toEqual([ROLLUP, domainChoice('dom-it'), domainChoice('rollup')]);
    expect(settings[1]).toMatchObject({ entityId: 'portfolio-dom-it', websiteUrl: 'https://tab.example/index.html#/portfolio?domain=dom-it', suggestedDisplayName: 'IT portfolio' });
  });

  it('starts from nothing for a tab not bound yet, or bound to something it does not know', () => {
    expect(choiceOfContentUrl(undefined)).toBeUndefined();
    expect(choiceOfContentUrl('')).toBeUndefined();
    expect(choiceOfContentUrl('not a url')).toBeUndefined();
    expect(choiceOfContentUrl('https://tab.example/#/portfolio')).toBeUndefined();
  });
});
