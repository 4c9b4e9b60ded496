import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const sdkImports = ['botbuilder', 'botbuilder-*', 'botframework-*', '@azure/*', '@microsoft/*', 'express', 'react', 'react-dom', 'adaptivecards', 'azurite', 'pino', 'jose'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.localdata/**', 'appPackage/build/**', 'coverage/**', '.playground/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['tab/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // botbuilder lives in one platform folder, so a later SDK move is one folder's work.
    files: ['bot/**/*.ts'],
    ignores: ['bot/platform/teams/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'Import botbuilder only in bot/platform/teams.' }, { group: ['@microsoft/teamsfx'], message: 'Import teamsfx only in its platform folder.' }] }] },
  },
  // Last, so it wins over the rule above for domain files.
  {
    // Domain rules and the kernel are pure TypeScript: no SDK may enter them.
    files: ['bot/kernel/**/*.ts', 'bot/*/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: sdkImports, message: 'Domain rules and the kernel stay free of SDKs; use a port.' }] }] },
  },
);
