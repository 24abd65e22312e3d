/**
 * Stands in for js-yaml inside the bundle (aliased by scripts/build/bundle.ts). xmlbuilder2 reads
 * YAML input with it; the node only ever builds XML or parses XML strings. Leaving js-yaml out keeps
 * ~150 KB of unused code, and its literal "+" strings that GuardDog's obfuscation heuristic counts,
 * out of the tarball.
 */
export function load(): never {
	throw new Error('YAML input is not supported by this package (xmlbuilder2 is bundled without js-yaml)');
}
