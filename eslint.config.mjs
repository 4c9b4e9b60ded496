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
    // The domain core is pure TypeScript: no SDK may enter it.
    files: ['bot/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: sdkImports, message: 'bot/domain must stay free of SDKs; use a port.' }] }] },
  },
  {
    // botbuilder and teamsfx live in one adapter folder each, so a later SDK move is one folder's work.
    files: ['bot/**/*.ts'],
    ignores: ['bot/adapters/botframework/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'Import botbuilder only in bot/adapters/botframework.' }, { group: ['@microsoft/teamsfx'], message: 'Import teamsfx only in bot/adapters/teamsfx.' }] }] },
  },
  {
    files: ['bot/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: sdkImports, message: 'bot/domain must stay free of SDKs; use a port.' }] }] },
  },
);
