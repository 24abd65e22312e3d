/**
 * `npm run build` step 2 (after tsc has checked the types): esbuild bundles each node and credential
 * that package.json's `n8n` section names into one self-contained CommonJS file, so the published
 * tarball needs no runtime dependency (n8n Cloud's verification forbids them; n8n's own lint rule
 * says to bundle libraries instead). n8n-workflow stays external: it is the peer dependency that
 * n8n provides. Whatever an entry imports (code, JSON) is bundled, so no file list is kept here.
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { readFileSync, rmSync } from 'fs';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '..', '..');
const SHIMS = join(__dirname, 'shims');

/** Modules that only n8n provides at run time; everything else must be inside the bundle. */
export const EXTERNAL_MODULES = ['n8n-workflow'];

interface PackageManifest {
	n8n: { nodes: string[]; credentials: string[] };
}

/** `dist/nodes/X/X.node.js` in package.json ← `nodes/X/X.node.ts` in the source. */
export function entryPoints(root = ROOT): string[] {
	const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageManifest;
	return [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((built) => {
		const match = /^dist\/(.+)\.js$/.exec(built);
		if (!match) throw new Error(`package.json n8n entry "${built}" is not a dist/**/*.js path`);
		return join(root, `${match[1]}.ts`);
	});
}

export function bundleOptions(outdir: string, root = ROOT): BuildOptions {
	return {
		absWorkingDir: root,
		entryPoints: entryPoints(root),
		outbase: root,
		outdir,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: EXTERNAL_MODULES,
		// The community-package scanner's lint (no-console) and its YARA rules read the bundled
		// library code as they would ours; minified output trips GuardDog's obfuscation and
		// keylogging heuristics, readable output does not.
		minify: false,
		drop: ['console'],
		// xmlbuilder2's dependency tree requires three modules the scanner forbids or that would
		// add unused code; the paths the node takes need only what the shims provide.
		alias: {
			url: join(SHIMS, 'url.ts'),
			events: join(SHIMS, 'events.ts'),
			'js-yaml': join(SHIMS, 'js-yaml.ts'),
		},
		// Maps point into the sources by path only: shipping the libraries' sources a second time
		// would double the tarball and put text in it that the YARA rules would scan again.
		sourcemap: 'linked',
		sourcesContent: false,
		legalComments: 'eof',
		metafile: true,
		logLevel: 'warning',
	};
}

/** Builds into `outdir` (emptied first, so no stale file of an earlier build is packed). */
export async function bundlePackage(outdir = join(ROOT, 'dist'), root = ROOT): Promise<Metafile> {
	rmSync(outdir, { recursive: true, force: true });
	const result = await build(bundleOptions(outdir, root));
	return result.metafile!;
}

if (require.main === module) {
	bundlePackage()
		.then((metafile) => {
			for (const [file, output] of Object.entries(metafile.outputs)) {
				if (!file.endsWith('.js')) continue;
				process.stdout.write(`${file}  ${(output.bytes / 1024).toFixed(0)} KiB\n`);
			}
		})
		.catch((error: unknown) => {
			process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
			process.exitCode = 1;
		});
}
