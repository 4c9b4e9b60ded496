/** A move's intent row (item-move.ts), its steps, and the options that tune it for drills and tests. */
import { z } from 'zod';

/** The steps of a move, in order; `afterStep` is told each as it completes. */
export type MoveStep = 'intent' | 'target' | 'mark' | 'index' | 'source';

export interface MoveOptions {
  /** How old an unmarked move must be before another process takes it as interrupted and undoes it (default 60 s). */
  readonly graceMs?: number;
  /**
   * Called after each step of a move or repair. Whatever it throws stops the work there, as a crash
   * would: what was written stays, and nothing after it is done. For operations' fault drills and tests.
   */
  readonly afterStep?: (step: MoveStep, itemId: string) => void | Promise<void>;
}

/** How long an unmarked move is taken to be under way, unless `graceMs` says otherwise. */
export const MOVE_GRACE_MS = 60_000;

export const intentSchema = z.object({
  moveId: z.string(),
  tenantId: z.string(),
  itemId: z.string(),
  from: z.string(),
  to: z.string(),
  /** The version the caller edited (the mark's precondition), for whoever reads the row by hand. */
  sourceEtag: z.string(),
  at: z.string(),
  state: z.enum(['begun', 'marked', 'undo']),
  reportKeys: z.string(),
});
export type Intent = z.infer<typeof intentSchema>;

/** What a repair did with one item's intent. */
export type Settled = 'none' | 'pending' | 'moved' | 'undone';
