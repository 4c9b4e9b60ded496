/**
 * Production entry point (`node dist/bot/main.js`, as deployed): the app with no demo. The local
 * demo, with its seeded tenant, runs from bot/demo/main.ts (`npm start`).
 */
import { runApp, runAsMain } from './composition/run';

runAsMain(() =>
  runApp((config) => {
    if (config.seedDemo) console.warn('SEED_DEMO is set, but this entry serves no demo data: run `npm start` (bot/demo/main.ts) for the demo tenant.');
    return [];
  }),
);
