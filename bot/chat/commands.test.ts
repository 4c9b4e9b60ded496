import { describe, expect, it } from '@jest/globals';
import { parseCommand } from './commands';

describe('parseCommand', () => {
  it.each([
    ['help', { name: 'help' }],
    ['  HELP ', { name: 'help' }],
    ['', { name: 'help' }],
    ['link', { name: 'link' }],
    ['Link  PMO  IT', { name: 'link', target: { kind: 'pmo', query: 'IT' } }],
    ['link epmo', { name: 'link', target: { kind: 'epmo' } }],
    ['link team Website rebuild', { name: 'link', target: { kind: 'team', query: 'Website rebuild' } }],
    ['link pmo', { name: 'linkUsage', text: 'link pmo' }],
    ['link the moon', { name: 'linkUsage', text: 'link the moon' }],
    ['raise the budget is late', { name: 'raise', text: 'the budget is late' }],
    ['Raise', { name: 'raise', text: '' }],
    ['my signals', { name: 'mySignals' }],
    ['changes', { name: 'changes' }],
    ['announce', { name: 'announce' }],
    ['what is this?', { name: 'unknown', text: 'what is this?' }],
    ['linked', { name: 'unknown', text: 'linked' }],
  ])('%j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });
});
