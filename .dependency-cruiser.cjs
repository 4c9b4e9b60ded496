/**
 * The architecture's boundaries, checked by `npm run lint` (README, "Architecture"):
 * - a feature's domain rules import only the kernel and its own domain files;
 * - the kernel imports no feature and no platform;
 * - a feature (or platform folder) reaches another feature only through that feature's index.ts;
 *   composition, which wires everything, is the one exception;
 * - the wire contract shared with the tab names only kernel and domain types;
 * - the platform is reached by composition; a feature reaches platform/storage only from its
 *   storage adapter (tables/), which is where the Tables SDK's types may appear;
 * - the tab imports from the server only the contract, domain and kernel types, and the card
 *   builder its composer previews; never a server SDK;
 * - each SDK is imported only in its platform folder (Microsoft Graph's credentials in platform/graph);
 * - production code never imports the demo;
 * - the configuration is read through its one door, bot/config/index.ts;
 * - no import cycles at run time.
 */
const FEATURES = '(portfolio|people|conversations|changes|signals|checkins|setup|delivery|notifications|chat|directory|demo)';
const TEST = '\\.test\\.ts$';

/** An SDK (npm packages, as resolved under node_modules) that only `home` may import. */
const sdk = (name, packages, home) => ({
  name: `sdk-${name}`,
  comment: `${packages} may be imported only in ${home}, so replacing the SDK is one folder's work.`,
  severity: 'error',
  from: { path: '^bot/', pathNot: [`^${home}`, TEST] },
  to: { path: `node_modules/(${packages})/` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle makes a module see another half-loaded at run time.',
      severity: 'error',
      from: { path: '^bot/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-imports-only-kernel',
      comment: "A feature's domain rules are pure: they import the kernel and their own domain files, nothing else.",
      severity: 'error',
      from: { path: `^bot/${FEATURES}/domain/`, pathNot: TEST },
      to: { pathNot: ['^bot/kernel/', '^bot/$1/domain/'] },
    },
    {
      name: 'kernel-imports-no-feature',
      comment: 'The kernel is what every feature shares; it depends on none of them.',
      severity: 'error',
      from: { path: '^bot/kernel/', pathNot: TEST },
      to: { path: '^bot/', pathNot: '^bot/kernel/' },
    },
    {
      name: 'feature-internals',
      comment: "Another feature is reached only through its index.ts (composition, which wires everything, excepted).",
      severity: 'error',
      from: { path: '^bot/([^/]+)/', pathNot: ['^bot/composition/', '^bot/api-contract/', TEST] },
      to: { path: `^bot/${FEATURES}/`, pathNot: ['^bot/$1/', `^bot/${FEATURES}/index\\.ts$`] },
    },
    {
      name: 'api-contract-is-types-of-the-domain',
      comment: 'The wire contract is shared with the tab: it names kernel and domain types, nothing that runs on the server.',
      severity: 'error',
      from: { path: '^bot/api-contract/' },
      to: { pathNot: ['^bot/kernel/', `^bot/${FEATURES}/domain/`, '^bot/api-contract/'] },
    },
    {
      name: 'platform-reached-by-adapters',
      comment: 'Composition wires the platform; a feature reaches platform/storage only from its storage adapter (tables/).',
      severity: 'error',
      from: { path: '^bot/', pathNot: ['^bot/platform/', '^bot/composition/', '^bot/[^/]+/tables/', '^bot/directory/', TEST] },
      to: { path: '^bot/platform/' },
    },
    {
      name: 'tab-reads-the-contract',
      comment: "The tab imports the wire contract, domain and kernel types, and the change card its composer previews; nothing else of the server.",
      severity: 'error',
      from: { path: '^tab/src/' },
      to: { path: '^bot/', pathNot: ['^bot/api-contract/', `^bot/${FEATURES}/domain/`, '^bot/kernel/', '^bot/changes/cards/change-card\\.ts$'] },
    },
    {
      name: 'tab-no-server-sdk',
      comment: 'Server SDKs never reach the browser bundle.',
      severity: 'error',
      from: { path: '^tab/src/' },
      to: { path: 'node_modules/(botbuilder[^/]*|botframework-[^/]+|express|@azure/[^/]+|azurite|pino|jose|csv-parse)/' },
    },
    {
      name: 'no-demo-in-production',
      comment: 'The demo (seed, demo tenant, demo connector) is never imported by production code.',
      severity: 'error',
      from: { path: '^bot/', pathNot: ['^bot/demo/', TEST] },
      to: { path: '^bot/demo/' },
    },
    {
      name: 'config-through-its-door',
      comment: 'One config module: callers import bot/config (its index.ts), never the schema, guards or mapping behind it.',
      severity: 'error',
      from: { path: '^bot/', pathNot: '^bot/config/' },
      to: { path: '^bot/config/', pathNot: '^bot/config/index\\.ts$' },
    },
    sdk('botbuilder', 'botbuilder[^/]*|botframework-[^/]+', 'bot/platform/teams/'),
    sdk('express', 'express', 'bot/platform/web/'),
    // Every @azure package but identity and MSAL (Graph's credentials) is storage's.
    sdk('storage', '@azure/(?!identity/|msal-)[^/]+|azurite', 'bot/platform/storage/'),
    sdk('graph', '@azure/identity|@azure/msal-[^/]+|@microsoft/teamsfx', 'bot/platform/graph/'),
    sdk('logging', 'pino', 'bot/platform/logging.ts'),
    sdk('tokens', 'jose', 'bot/platform/web/'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    exclude: { path: '^dist/' },
  },
};
