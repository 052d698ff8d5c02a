// `npm run lint` (`eslint .`) lints the whole repository: ESLint's and typescript-eslint's recommended rules for
// every TypeScript file (the node, the emulator, the scripts and the tests) and ESLint's for the root JavaScript
// files; on top of them, for nodes/, credentials/ and package.json only, n8n's community-node rules as its package
// scanner applies them: the community-nodes plugin with the n8n Cloud rules, plus eslint-plugin-n8n-nodes-base's
// community, credentials and nodes rule sets.
import eslint from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
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
	{ ignores: ['dist/**', 'node_modules/**', '.n8n-runtime/**', '.tmp/**', 'schemas/generated/**'] },
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
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts', 'package.json'],
		...n8nCommunityNodesPlugin.configs.recommended,
	},
	{
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
);
