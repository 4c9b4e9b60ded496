import { describe, expect, it } from '@jest/globals';
import { linkAction, targetChoiceValue } from '../conversations/cards/actions';
import { parseCardAction } from './card-actions';

const invoke = (verb: unknown, data?: unknown) => ({ action: { type: 'Action.Execute', verb, ...(data !== undefined ? { data } : {}) }, trigger: 'manual' });

describe('card actions', () => {
  it('round-trips a link target chosen on the form', () => {
    for (const target of [{ kind: 'pmo', domainId: 'dom_it' }, { kind: 'epmo' }, { kind: 'team', workItemId: 'wi_42' }] as const) {
      const built = linkAction('Link', { verb: 'link.submit', data: {} });
      const parsed = parseCardAction(invoke(built.verb, { ...built.data, target: targetChoiceValue(target) }));
      expect(parsed).toEqual({ ok: true, value: { verb: 'link.submit', data: { target } } });
    }
  });

  it('accepts link.start with no data', () => {
    expect(parseCardAction(invoke('link.start'))).toEqual({ ok: true, value: { verb: 'link.start', data: {} } });
  });

  it.each([
    ['no value', undefined, /could not be read/],
    ['no action', { trigger: 'manual' }, /could not be read/],
    ['not Action.Execute', { action: { type: 'Action.Submit', verb: 'link.start' } }, /could not be read/],
    ['unknown verb', invoke('signal.nuke'), /does not know/],
    ['no target', invoke('link.submit', {}), /missing information/],
    ['bad target', invoke('link.submit', { target: 'admin:everything' }), /missing information/],
    ['target with a slash', invoke('link.submit', { target: 'pmo:a/b' }), /missing information/],
    ['data not an object', invoke('link.submit', 'pmo:dom_it'), /could not be read/],
  ])('rejects %s with a readable message', (_name, value, message) => {
    const parsed = parseCardAction(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('VALIDATION.INVALID');
      expect(parsed.error.message).toMatch(message);
    }
  });
});
