import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Electron is a thin shell: only src/main/electron, src/main/index.ts and src/preload may import it.
      // Type-only imports are allowed: they vanish from the build and let pure rules name Electron's types.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src/main/electron/, src/main/index.ts and src/preload/ may import electron.', allowTypeImports: true }] },
      ],
    },
  },
  {
    files: ['src/main/electron/**', 'src/main/index.ts', 'src/preload/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    // The page takes only types from the bridge: its zod schemas would put zod in the page, and zod
    // probes for eval at load, which the page's Content-Security-Policy reports. Lists of values
    // come from src/shared/contractLists.ts instead.
    files: ['src/renderer/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only src/main/electron/, src/main/index.ts and src/preload/ may import electron.', allowTypeImports: true }],
          patterns: [{ group: ['**/shared/bridge'], message: 'Import types only from the bridge here; values live in shared/contractLists.ts.', allowTypeImports: true }],
        },
      ],
    },
  },
);
