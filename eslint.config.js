import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.tmp/**',
      '.scratch-*/**',
      'node_modules/**',
      'coverage/**',
      'docs/playground/dist/**',
      'src/parser/generated/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...tseslint.configs.stylistic,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='RegExp']",
          message: 'no RegExp is built at run time: policy text goes through the linear wildcard matcher',
        },
      ],
    },
  },
  {
    // CommonJS config files (.dependency-cruiser.cjs): `module` and `require` are theirs.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'the engine has no clock: time comes from the request context or an option' },
        { name: 'process', message: 'the engine does no I/O and reads no environment' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'the engine is free of Node built-ins' },
          ],
        },
      ],
    },
  },
);
