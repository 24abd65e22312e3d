const { src, dest } = require('gulp');

/**
 * esbuild (scripts/build/bundle.ts) emits only the bundled JavaScript: n8n reads a node's and a
 * credential's icons and a node's codex (`*.node.json`: categories, aliases, docs links) from beside
 * the built file. Other JSON under nodes/ is code's data, bundled through its import.
 */
function buildAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:assets'] = buildAssets;
