/**
 * Where in the tab each gap is fixed: the admin area's sections, and a work item's portfolio.
 * Kept in one place so the admin area's routes are named once here.
 */
import type { SetupGap, SetupGapEntry } from '../../../bot/api-contract/setup';
import { adminHash, portfolioHash } from '../shared/route';

/** The admin area's section for a gap fixed in the tab, with the words of its link. */
const SECTIONS: Readonly<Record<NonNullable<SetupGap['fixIn']>, { readonly hash: string; readonly label: string }>> = {
  people: { hash: adminHash('people'), label: 'Assign roles' },
  objectives: { hash: adminHash('objectives'), label: 'Open objectives' },
};

export const sectionLink = (gap: Pick<SetupGap, 'fixIn'>): { readonly hash: string; readonly label: string } | undefined => (gap.fixIn ? SECTIONS[gap.fixIn] : undefined);

/** A work item's entry links to its domain's portfolio, searched for the item, where it can be opened and edited. */
export const entryLink = (entry: Pick<SetupGapEntry, 'domainId' | 'name'>): string | undefined =>
  entry.domainId ? portfolioHash(entry.domainId, new URLSearchParams({ q: entry.name }).toString()) : undefined;
