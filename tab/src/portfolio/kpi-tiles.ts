/**
 * The headline tiles that filter the grid: which filter each tile stands for, whether it is
 * on, and what a click does (toggle it). Pure, so the mapping is tested directly.
 */
import type { SignalState } from '../../../bot/api-contract/portfolio';
import { type PortfolioFilters, type Rag, RAGS } from './types';

/** The "open signals · <state>" tile of one state. */
export type SignalStateTile = { readonly signalState: SignalState };

export type KpiTileId = Rag | 'stale' | 'onBenefit' | 'openSignals' | 'unanswered' | 'checkInsOverdue' | SignalStateTile;

const isRag = (tile: KpiTileId): tile is Rag => typeof tile === 'string' && (RAGS as readonly string[]).includes(tile);

/** Whether the tile's filter is on (the tile shows as pressed). */
export function isTilePressed(tile: KpiTileId, filters: PortfolioFilters): boolean {
  if (isRag(tile)) return filters.health.includes(tile);
  if (typeof tile === 'object') return filters.signalStates.includes(tile.signalState);
  switch (tile) {
    case 'stale':
      return filters.stale;
    case 'onBenefit':
      return filters.benefit.length === 1 && filters.benefit[0] === 'green';
    case 'openSignals':
      return filters.openSignals;
    case 'unanswered':
      return filters.unanswered;
    case 'checkInsOverdue':
      return filters.checkInOverdue;
  }
}

/**
 * The filters after clicking the tile: it turns its own filter on or off and leaves the others
 * alone, so health tiles combine (red and amber), state tiles combine (escalated or deferred),
 * and both combine with the toolbar's filters.
 */
export function toggleTile(tile: KpiTileId, filters: PortfolioFilters): PortfolioFilters {
  const on = isTilePressed(tile, filters);
  if (isRag(tile)) {
    const health = on ? filters.health.filter((r) => r !== tile) : RAGS.filter((r) => r === tile || filters.health.includes(r));
    return { ...filters, health };
  }
  if (typeof tile === 'object') {
    const signalStates = on ? filters.signalStates.filter((s) => s !== tile.signalState) : [...filters.signalStates, tile.signalState];
    return { ...filters, signalStates };
  }
  switch (tile) {
    case 'stale':
      return { ...filters, stale: !on };
    case 'onBenefit':
      return { ...filters, benefit: on ? [] : ['green'] };
    case 'openSignals':
      return { ...filters, openSignals: !on };
    case 'unanswered':
      return { ...filters, unanswered: !on };
    case 'checkInsOverdue':
      return { ...filters, checkInOverdue: !on };
  }
}
