import { describe, expect, it } from '@jest/globals';
import { changeCard } from '../../bot/changes/cards/change-card';
import type { StrategyChange } from '../../bot/changes/domain/strategy-change';
import { changedFields, emptyForm, formFromChange, hasErrors, previewModel, respondByInstant, toDraftRequest, validateForm, type ComposerForm } from '../../tab/src/changes/composer';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';

const NOW = Date.parse('2026-11-27T10:00:00Z');

const filled = (over: Partial<ComposerForm> = {}): ComposerForm => ({
  ...emptyForm(NOW),
  title: '  Cloud-first freeze  ',
  summary: 'All **new** data-centre spend stops.\n\n- Move to cloud\n- Report by Friday',
  objectiveIds: ['obj-1'],
  ...over,
});

const CHANGE: StrategyChange = {
  tenantId: 't',
  id: 'chg-1',
  version: 1,
  state: 'published',
  title: 'Cloud-first freeze',
  summary: 'Stop.',
  kind: 'threat',
  objectiveIds: ['obj-1', 'obj-2'],
  domainIds: ['dom-it'],
  requiredResponse: 'assess',
  respondBy: '2026-12-04T23:59:59.000Z',
  authorId: 'u',
  authorName: 'Sam Strategy',
  createdAt: '2026-11-20T10:00:00Z',
  updatedAt: '2026-11-20T10:00:00Z',
};

describe('the composer form', () => {
  it('starts with a respond-by a week out, asking for an impact assessment', () => {
    const form = emptyForm(NOW);
    expect(form.respondBy).toBe('2026-12-04');
    expect(form.requiredResponse).toBe('assess');
    expect(form.title).toBe('');
  });

  it('says what is missing, field by field', () => {
    const errors = validateForm(emptyForm(NOW), NOW);
    expect(Object.keys(errors).sort()).toEqual(['objectiveIds', 'summary', 'title']);
    expect(errors.objectiveIds).toMatch(/objective or domain/);
    expect(hasErrors(validateForm(filled(), NOW))).toBe(false);
    // A domain alone is enough targeting.
    expect(hasErrors(validateForm(filled({ objectiveIds: [], domainIds: ['dom-hr'] }), NOW))).toBe(false);
  });

  it('refuses a respond-by date in the past or missing, and a title that is too long', () => {
    expect(validateForm(filled({ respondBy: '2026-11-26' }), NOW).respondBy).toMatch(/passed/);
    expect(validateForm(filled({ respondBy: '2026-11-27' }), NOW).respondBy).toBeUndefined();
    expect(validateForm(filled({ respondBy: '' }), NOW).respondBy).toMatch(/Choose/);
    expect(validateForm(filled({ title: 'x'.repeat(201) }), NOW).title).toMatch(/200/);
  });

  it('sends trimmed text and the date as picked', () => {
    expect(toDraftRequest(filled())).toEqual({
      title: 'Cloud-first freeze',
      kind: 'reprioritisation',
      summary: 'All **new** data-centre spend stops.\n\n- Move to cloud\n- Report by Friday',
      objectiveIds: ['obj-1'],
      domainIds: [],
      requiredResponse: 'assess',
      respondBy: '2026-12-04',
    });
  });

  it('patches only what changed, ignoring the order of chosen objectives', () => {
    const form = formFromChange(CHANGE);
    expect(form.respondBy).toBe('2026-12-04');
    expect(changedFields(form, CHANGE)).toEqual({});
    expect(changedFields({ ...form, objectiveIds: ['obj-2', 'obj-1'] }, CHANGE)).toEqual({});
    expect(changedFields({ ...form, title: 'Cloud-first freeze, extended ', respondBy: '2026-12-11' }, CHANGE)).toEqual({ title: 'Cloud-first freeze, extended', respondBy: '2026-12-11' });
    expect(changedFields({ ...form, domainIds: [] }, CHANGE)).toEqual({ domainIds: [] });
  });
});

describe('the live preview', () => {
  const context = { objectives: [{ id: 'obj-1', code: 'OBJ-1', title: 'Grow digital revenue' }], domainNames: ['IT', 'Finance'], authorName: 'Sam Strategy', version: 1 };

  it("is the bot's own card, valid Adaptive Card 1.5, with the title and both actions", () => {
    const card = changeCard(previewModel(filled(), context));
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Cloud-first freeze');
    expect(text).toContain('Acknowledge');
    expect(text).toContain('Assess impact');
    expect(text).toContain('OBJ-1 Grow digital revenue');
    expect(text).toContain('IT, Finance');
    expect(text).toMatch(/Preview/);
  });

  it('shows a placeholder title while none is typed, and the next version number when superseding', () => {
    const model = previewModel(emptyForm(NOW), { ...context, version: 3, changeId: 'chg-9' });
    expect(model.title).toBe('Untitled strategy change');
    expect(model.version).toBe(3);
    expect(model.changeId).toBe('chg-9');
    expect(validateAdaptiveCard(changeCard(model))).toEqual([]);
  });

  it('reads a picked date as the end of that day, as the server does', () => {
    expect(respondByInstant('2026-12-04')).toBe('2026-12-04T23:59:59Z');
    expect(previewModel(filled(), context).respondBy).toBe('2026-12-04T23:59:59Z');
  });
});
