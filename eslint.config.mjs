import community from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

const { configs } = community;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', 'examples/**', 'coverage/**', '*.js', '*.mjs'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { project: './tsconfig.json' } },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: (await import('jsonc-eslint-parser').catch(() => ({ default: undefined }))).default },
	},
	{
		...configs.recommendedWithoutN8nCloudSupport,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		rules: {
			...configs.recommendedWithoutN8nCloudSupport.rules,
			// The cloud set's ban on setTimeout, process and console holds for us too: waits go through sleep(ms, signal).
			'@n8n/community-nodes/no-restricted-globals': 'error',
			// xmlbuilder2 and fast-xml-parser are deliberate runtime dependencies (not installable on n8n Cloud).
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
];
