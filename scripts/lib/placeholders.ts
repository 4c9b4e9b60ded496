/**
 * `${{NAME}}` placeholders, as in Teams Toolkit templates. Substitution is all or nothing:
 * a name with no value (or an empty value) fails, naming every such variable, so a package
 * never ships with a literal placeholder or an empty id in it.
 */

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export class UnresolvedPlaceholderError extends Error {
  override readonly name = 'UnresolvedPlaceholderError';
  constructor(
    readonly variables: readonly string[],
    source: string,
  ) {
    super(`Unresolved ${variables.length === 1 ? 'variable' : 'variables'} in ${source}: ${variables.join(', ')} — set ${variables.length === 1 ? 'it' : 'them'} in the env file`);
  }
}

/** Names of every placeholder in a template, in order of first appearance. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/**
 * Replaces every `${{NAME}}` with its value from `values`. Values are inserted as JSON string
 * content (quotes and backslashes escaped) because the templates here are JSON.
 */
export function substitute(template: string, values: Readonly<Record<string, string | undefined>>, source = 'the template'): string {
  const missing = placeholdersIn(template).filter((name) => {
    const v = values[name];
    // APP_NAME_SUFFIX is legitimately empty in production; other empty values are mistakes.
    return v === undefined || (v === '' && !OPTIONAL.has(name));
  });
  if (missing.length > 0) throw new UnresolvedPlaceholderError(missing, source);
  return template.replace(PLACEHOLDER, (_m, name: string) => JSON.stringify(values[name] ?? '').slice(1, -1));
}

/** Variables that may be set to an empty value on purpose. */
const OPTIONAL = new Set(['APP_NAME_SUFFIX']);
