// The lint rules of everything in this repository that does not ship: the emulator, the scripts and the tests
// (test/eslint.config.mjs and emulator/eslint.config.mjs re-export this file), and the root JavaScript files.
// ESLint's and typescript-eslint's recommended rules. What ships (nodes/, credentials/, package.json) is linted by
// the root eslint.config.mjs, n8n's default config left unmodified, as `n8n-node lint` demands in strict mode.
// `npm run lint` turns on ESLint's config lookup from each file's folder (ESLINT_FLAGS), so that each file gets
// the nearest eslint.config.mjs: n8n's community rules forbid what test code needs (process, fs, timers).
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

// The Node.js globals the root JavaScript files use, declared here because the `globals` package is no
// dependency of this package (only a transitive one of ESLint's).
const nodeGlobals = {
	console: 'readonly',
	process: 'readonly',
	Buffer: 'readonly',
	URL: 'readonly',
};
const commonJsGlobals = {
	require: 'readonly',
	module: 'writable',
	exports: 'writable',
	__dirname: 'readonly',
	__filename: 'readonly',
};

export default tseslint.config(
	{
		ignores: ['dist/**', 'node_modules/**', '.n8n-runtime*/**', '.tmp/**', 'schemas/generated/**'],
	},
	{
		files: ['**/*.ts'],
		extends: [eslint.configs.recommended, tseslint.configs.recommended],
		rules: {
			'prefer-spread': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
			],
		},
	},
	{
		files: ['**/*.js'],
		extends: [eslint.configs.recommended],
		languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonJsGlobals } },
	},
	{
		files: ['**/*.mjs'],
		extends: [eslint.configs.recommended],
		languageOptions: { sourceType: 'module', globals: nodeGlobals },
	},
);
