/** What every EPMO action on a strategy change shares: the caller as the audit's actor, the right to draft, the answer to a stale version. */
import { type Result, fail, forbidden, ok } from '../../kernel/result';
import { type Principal, can } from '../../kernel/roles';
import type { Actor } from '../domain/change-audit';

/** The caller as the change's audit names them. */
export const actor = (p: Principal): Actor => ({ userId: p.userId, displayName: p.displayName });

/** Drafting (and the dry run) is for EPMO members. */
export const mustDraft = (p: Principal): Result<true> =>
  can(p, 'change.draft') ? ok(true) : forbidden('Only EPMO members draft and publish strategy changes.');

/** The answer to an action on a version of the change that is no longer the latest. */
export const staleEtag = (title: string): Result<never> =>
  fail('CONFLICT.STALE', `"${title}" was changed by someone else since you loaded it; reload it and try again.`);
