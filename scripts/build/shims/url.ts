/**
 * Stands in for Node's `url` inside the bundle (aliased by scripts/build/bundle.ts): the scanner's
 * import rule forbids Node built-ins other than crypto. @oozcitak/url (under xmlbuilder2's DOM)
 * calls these two from its host parser; the global WHATWG URL gives the same ASCII form.
 */

/** As Node's url.domainToASCII: the punycode (ASCII) form, '' for a domain that is not valid. */
export function domainToASCII(domain: string): string {
	// Node parses the domain as a URL's host, except that userinfo and a port make it invalid.
	if (domain === '' || domain.includes('@') || (domain.includes(':') && !domain.startsWith('['))) return '';
	try {
		return new URL(`http://${domain}/`).hostname;
	} catch {
		return '';
	}
}

/** The Unicode form needs a punycode decoder that nothing the node does can reach; fail loudly. */
export function domainToUnicode(domain: string): string {
	throw new Error(`domainToUnicode("${domain}") is not available in this package's bundle`);
}
