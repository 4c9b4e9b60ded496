/**
 * Local entry point (`npm start`, `npm run dev`): the app with the demo — its seeded tenant on a
 * fresh start (unless SEED_DEMO=false) and its connector for the demo conversations.
 */
import { runApp, runAsMain } from '../composition/run';
import { demoExtensions } from './demo-extension';

runAsMain(() => runApp(demoExtensions));
