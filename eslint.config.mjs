import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
  // Architecture boundaries (domain purity, feature doors, SDKs in their platform folder, no demo in
  // production) are checked by dependency-cruiser: .dependency-cruiser.cjs, run by `npm run lint`.
);
