/**
 * Summarises `.cpuprofile` files (e.g. the Azurite children's `--cpu-prof` output from
 * `npm run bench:fanout -- --profile 60`, in .bench-profiles/):
 *
 *   npx tsx bench/summarise-profile.ts .bench-profiles/CPU.*.cpuprofile
 */
import { readFile } from 'node:fs/promises';

import { summarise } from './profile';

async function main(): Promise<void> {
  for (const file of process.argv.slice(2)) {
    console.log(`${file}:\n${summarise(JSON.parse(await readFile(file, 'utf8')))}\n`);
  }
}

void main();
