import community from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const { configs } = community;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', 'examples/**', 'coverage/**', '*.js', '*.mjs'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { project: './tsconfig.json' } },
	},
	{
		// Both plugins' package.json rules walk an ESTree ObjectExpression, which the TypeScript parser
		// produces for a .json file (jsonc-eslint-parser's JSONObjectExpression left them silently idle).
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser },
	},
	{
		// n8n Cloud's set, as the scanner applies it: no runtime dependencies (xmlbuilder2 and fast-xml-parser are
		// devDependencies, bundled by scripts/build/bundle.ts), imports only of n8n-workflow, crypto and
		// devDependencies, no setTimeout or process (waits go through sleep(ms, signal)), and, as the scanner adds, no console.
		...configs.recommended,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		rules: { ...configs.recommended.rules, 'no-console': 'error' },
	},
	// eslint-plugin-n8n-nodes-base: the rule sets `n8n-node lint` and @n8n/scan-community-package apply.
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// As in n8n-node lint and the scanner: a community credential's documentationUrl is a full URL, not a camelCase slug.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// As in n8n-node lint and the scanner: Consumer Key and Token ID are identifiers (in clear in every passport); credential-password-field checks the secrets.
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// As in n8n-node lint and the scanner: inputs/outputs may be NodeConnectionTypes.Main instead of "main".
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
