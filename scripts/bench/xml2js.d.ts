/** The slice of xml2js 0.6 (no @types package installed) that the do-it-yourself baseline uses. */
declare module 'xml2js' {
	export interface ParserOptions {
		explicitArray?: boolean;
		mergeAttrs?: boolean;
		explicitRoot?: boolean;
		ignoreAttrs?: boolean;
		normalize?: boolean;
		normalizeTags?: boolean;
		trim?: boolean;
		attrkey?: string;
		charkey?: string;
	}
	export class Parser {
		constructor(options?: ParserOptions);
		parseStringPromise(xml: string): Promise<unknown>;
	}
}
