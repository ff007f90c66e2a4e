// Lint, and the layer rule: shared/ is pure (no WeChat, CloudBase, Taro, SQL or Node I/O);
// pages never import cloud functions; cloud functions never import the mini-program.
import tseslint from 'typescript-eslint';

const SHARED_FORBIDDEN = [
  { group: ['@tarojs/*', '@nutui/*', 'react', 'react-dom'], message: 'shared/ is pure: no Taro or UI code.' },
  { group: ['@cloudbase/*', 'wx-server-sdk'], message: 'shared/ is pure: no CloudBase or WeChat SDKs.' },
  { group: ['node:*', 'fs', 'fs/*', 'path', 'http', 'https', 'net', 'child_process', 'os', 'crypto', 'sqlite*', 'better-sqlite3'], message: 'shared/ is pure: no Node I/O or SQL.' },
  { group: ['**/cloudfunctions/**', '**/miniprogram/**', '**/scripts/**'], message: 'shared/ must not import the layers above it.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/hello/**', 'coverage/**', 'tests/fixtures/**', 'test-results/**', 'scripts/hello-app/dist/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts', 'shared/**/*.tsx', 'tests/fixtures/layer-violation/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: SHARED_FORBIDDEN }],
      'no-restricted-globals': ['error', { name: 'process', message: 'shared/ is pure: configuration comes in as arguments.' }, { name: 'require', message: 'shared/ is pure.' }],
    },
  },
  {
    files: ['miniprogram/**/*.ts', 'miniprogram/**/*.tsx', 'tests/fixtures/layer-violation/miniprogram/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/cloudfunctions/**', '@cloudbase/*', 'wx-server-sdk'], message: 'Pages talk to cloud functions through services/, never by importing them.' },
            { group: ['node:*', 'fs', 'path', 'sqlite*'], message: 'The mini-program runs in WeChat: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['cloudfunctions/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/miniprogram/**', '@tarojs/*'], message: 'Cloud functions never import the mini-program.' }] }],
    },
  },
);
