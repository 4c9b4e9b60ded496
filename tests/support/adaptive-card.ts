/**
 * Validates card JSON the way Teams' renderer reads it: the official `adaptivecards` library
 * parses it against the 1.5 schema (unknown elements and actions, invalid values, duplicate
 * ids, required inputs without an error message). Use it in every card test:
 *
 *   expect(validateAdaptiveCard(myCard(model))).toEqual([]);
 */
// The package's `lib/` is extensionless ESM that Node and jest reject; `dist/` is a UMD bundle
// with the same API, so the types come from `lib/` and the code from `dist/`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Teams rejects messages over 100 KB. */
export const TEAMS_CARD_LIMIT_BYTES = 100 * 1024;

/** Every problem found, one sentence each; empty when the card is a valid Adaptive Card 1.5. */
export function validateAdaptiveCard(json: unknown): string[] {
  const problems: string[] = [];
  if (!json || typeof json !== 'object' || Array.isArray(json)) return ['The card is not a JSON object.'];
  const card = json as Record<string, unknown>;
  if (card.type !== 'AdaptiveCard') problems.push(`type is ${JSON.stringify(card.type)}, not "AdaptiveCard".`);
  if (card.version !== '1.5') problems.push(`version is ${JSON.stringify(card.version)}; PMO Relay cards declare "1.5".`);
  const bytes = Buffer.byteLength(JSON.stringify(json), 'utf8');
  if (bytes >= TEAMS_CARD_LIMIT_BYTES) problems.push(`The card is ${bytes} bytes; Teams accepts less than ${TEAMS_CARD_LIMIT_BYTES}.`);

  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    if (event) problems.push(`parse: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);

  problems.push(...executeActionProblems(card));
  return problems;
}

/** The library accepts an Action.Execute without a verb; Teams cannot route it, so we check. */
function executeActionProblems(node: unknown, path = 'card'): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => executeActionProblems(n, `${path}[${i}]`));
  if (!node || typeof node !== 'object') return [];
  const obj = node as Record<string, unknown>;
  const own = obj.type === 'Action.Execute' && (typeof obj.verb !== 'string' || obj.verb === '') ? [`${path}: Action.Execute has no verb.`] : [];
  return [...own, ...Object.entries(obj).flatMap(([k, v]) => executeActionProblems(v, `${path}.${k}`))];
}

/** All text a person would read on the card (TextBlocks, facts, choices, button titles), in order. */
export function cardText(json: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (obj.type === 'TextBlock' && typeof obj.text === 'string') out.push(obj.text);
    if (typeof obj.title === 'string' && (typeof obj.value === 'string' || String(obj.type ?? '').startsWith('Action.'))) out.push(obj.title);
    if (typeof obj.value === 'string' && typeof obj.title === 'string' && !('type' in obj)) out.push(obj.value);
    if (obj.type === 'Input.ChoiceSet' && typeof obj.label === 'string') out.push(obj.label);
    for (const [k, v] of Object.entries(obj)) if (k !== 'data') walk(v);
  };
  walk(json);
  return out.join('\n');
}
