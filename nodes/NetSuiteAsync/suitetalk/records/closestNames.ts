/** "Did you mean": names within a few typos of `name` (case ignored), closest first. */

function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
			current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
		}
		previous = current;
	}
	return previous[b.length];
}

export function closestNames(name: string, names: readonly string[], limit = 3): string[] {
	const wanted = name.toLowerCase();
	const allowed = Math.max(2, Math.floor(wanted.length / 3));
	return names
		.map((candidate) => {
			const lower = candidate.toLowerCase();
			// A name that contains what was typed (or the reverse) is as close as one typo.
			const containment = wanted.length >= 3 && (lower.includes(wanted) || wanted.includes(lower)) ? 1 : Infinity;
			return { candidate, distance: Math.min(editDistance(wanted, lower), containment) };
		})
		.filter(({ distance }) => distance <= allowed)
		.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
		.slice(0, limit)
		.map(({ candidate }) => candidate);
}
