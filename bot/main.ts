/**
 * Production entry point (`node dist/bot/main.js`, as deployed): the app with no demo. The local
 * demo, with its seeded tenant, runs from bot/demo/main.ts (`npm start`).
 */
import { runApp, runAsMain } from './composition/run';

runAsMain(() =>
  runApp((config) => {
    if (config.seedDemo) console.warn('Demo data is on for this environment (SEED_DEMO), but this production entry serves none: run `npm start` (bot/demo/main.ts) for the demo.');
    return [];
  }),
);
