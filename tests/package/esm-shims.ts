/**
 * `@microsoft/app-manifest` (CommonJS) requires `strip-bom`, which is ESM only. Node 20.19+
 * loads it (require(esm)), so `npm run package` works; jest's CommonJS runtime cannot. Import
 * this file first in a suite that validates manifests: it gives jest a one-line equivalent.
 * (A `moduleNameMapper` entry in jest.config.js would do the same for every suite.)
 */
import { jest } from '@jest/globals';

jest.mock('strip-bom', () => ({ __esModule: true, default: (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s) }));
