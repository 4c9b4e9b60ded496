/**
 * A person acknowledges or assesses a change from a card. The tenant comes from the activity;
 * who may respond is re-checked from stored roles and the links of the conversation the
 * response is for; a double click is one response.
 */
import { type Result, fail, forbidden, notFound, ok } from '../../kernel/result';
import { type Principal, isEpmo } from '../../kernel/roles';
import type { ChangeResponse, StrategyChange } from '../domain/strategy-change';
import { type ResponseInput, respondToChange } from '../domain/change-responses';
import type { ChangeRecipientRecord } from '../ports';
import type { Versioned } from '../../kernel/versioned';
import { knownConversation } from '../../conversations';
import type { ChangeCardModel } from '../cards/change-card';
import type { ChangeDeps } from './deps';
import { changeCardModel } from './renderers';
import { versionStatus } from './versions';
import { mayRespondFor } from './responders';

export interface RespondCommand {
  readonly changeId: string;
  readonly version: number;
  /** The conversation the card was acted on in (without `;messageid=`). */
  readonly conversationId: string;
  /** The recipient conversation named on the card, when it differs (a list card in a personal chat). */
  readonly forConversationId?: string;
  readonly input: ResponseInput;
}

interface RespondOutcome {
  readonly change: StrategyChange;
  readonly response: ChangeResponse;
  /** False when nothing new was recorded (a double click). */
  readonly changed: boolean;
  readonly recipient: ChangeRecipientRecord;
}

/** The stale-card error: says what happened and where the latest version is. */
export async function staleVersionError(deps: Pick<ChangeDeps, 'stores'>, change: StrategyChange): Promise<Result<never>> {
  if (change.state === 'withdrawn') {
    return fail('CHANGE.STALE_VERSION', `"${change.title}" was withdrawn${change.withdrawReason ? `: ${change.withdrawReason}` : ''}. No response is needed.`);
  }
  const latest = (await deps.stores.changes.versions(change.tenantId, change.id))[0]?.value;
  if (latest && latest.version !== change.version) {
    const what = latest.state === 'withdrawn' ? `, which was later withdrawn` : '';
    return fail('CHANGE.STALE_VERSION', `This change was superseded by v${latest.version}${what} — open the latest.`);
  }
  return fail('CHANGE.STALE_VERSION', `Version ${change.version} of "${change.title}" is ${change.state}.`);
}

async function respond(deps: ChangeDeps, p: Principal, cmd: RespondCommand): Promise<Result<RespondOutcome>> {
  const found = await deps.stores.changes.get(p.tenantId, cmd.changeId, cmd.version);
  // Looked up in the caller's own tenant: a card from another organisation is simply unknown here,
  // and so is a draft, which no card carries (its title is the EPMO's until published).
  if (!found || found.value.state === 'draft') return notFound('This strategy change (it may belong to another organisation)');
  const change = found.value;

  // Who may respond is decided before anything about the change is said (its title, why it was withdrawn).
  const status = await versionStatus(deps, change);
  const records = status.recipients.map((r) => r.record.value).filter((r) => r.reachable);
  const candidates = [cmd.conversationId, cmd.forConversationId].filter((c): c is string => Boolean(c));
  let recipient = candidates.map((c) => records.find((r) => r.conversationId === c)).find((r) => r !== undefined);
  // EPMO members may answer from anywhere; without a recipient conversation their answer is the EPMO's.
  if (!recipient && isEpmo(p)) recipient = records.find((r) => r.role === 'epmo');
  if (!recipient) return forbidden('This change was not sent to this conversation, so a response here cannot be recorded. Respond where your team received it.');
  if (!mayRespondFor(p, recipient)) {
    return forbidden(`Only members of ${recipient.title} (its team or PMO lead) and the EPMO can respond to this change for it.`);
  }
  if (change.state === 'superseded' || change.state === 'withdrawn') return staleVersionError(deps, change);

  for (let attempt = 0; attempt < 3; attempt++) {
    const existing: Versioned<ChangeResponse> | undefined = await deps.stores.responses.get(p.tenantId, change.id, change.version, recipient.conversationId, p.userId);
    const made = respondToChange(
      change,
      existing?.value,
      { tenantId: p.tenantId, userId: p.userId, userName: p.displayName, conversationId: recipient.conversationId },
      cmd.input,
      deps.clock.now(),
    );
    if (!made.ok) return made;
    if (!made.value.changed) return ok({ change, response: made.value.response, changed: false, recipient });
    const saved = existing ? await deps.stores.responses.update(made.value.response, existing.etag) : await deps.stores.responses.create(made.value.response);
    if (saved.ok) {
      deps.logger?.info({ tenantId: p.tenantId, changeId: change.id, version: change.version, conversationId: recipient.conversationId, userId: p.userId }, 'change response recorded');
      return ok({ change, response: saved.value.value, changed: true, recipient });
    }
    // A concurrent click wrote first: read it back and decide again.
    if (saved.error.code !== 'CONFLICT.ALREADY_EXISTS' && saved.error.code !== 'CONFLICT.STALE') return saved;
  }
  return fail('CONFLICT.STALE', 'Your response was being recorded twice at once; try again.');
}

/** A response from a card: the change card as it stands after it, for the person who answered. */
export interface RespondedOnCard {
  readonly card: ChangeCardModel;
  /** False when nothing new was recorded (a double click). */
  readonly changed: boolean;
}

/** `change.ack` / `change.assess`: records the response, then reads the card back in the recipient conversation. */
export async function respondOnCard(deps: ChangeDeps, p: Principal, cmd: RespondCommand): Promise<Result<RespondedOnCard>> {
  const conversation = await knownConversation(deps.repos.conversations, p.tenantId, cmd.conversationId);
  if (!conversation.ok) return conversation;
  const outcome = await respond(deps, p, cmd);
  if (!outcome.ok) return outcome;
  const card = await changeCardModel(deps, outcome.value.change, { conversationId: outcome.value.recipient.conversationId, viewerId: p.userId });
  return ok({ card, changed: outcome.value.changed });
}
