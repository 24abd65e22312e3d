/**
 * A small XML writer for SOAP responses. It is hand-written rather than xmlbuilder2 because the
 * point is to control exactly where namespaces are declared and which prefix each element gets:
 * NetSuite's responses use several prefix styles (see samples 00b, 06, 07) and a client must read
 * them all, so the simulator has to be able to produce each of them on demand.
 */

export type ConcretePrefixStyle = 'platformCore' | 'numbered' | 'defaultNamespace' | 'emptyXmlns';

export const ROTATION: readonly ConcretePrefixStyle[] = ['platformCore', 'numbered', 'defaultNamespace', 'emptyXmlns'];

export type NsKey =
	| 'soapenv'
	| 'xsd'
	| 'xsi'
	| 'messages'
	| 'core'
	| 'faults'
	| 'common'
	| 'axis'
	| 'relationships'
	| 'accounting'
	| 'employees'
	| 'sales'
	| 'purchases'
	| 'customization'
	| 'scheduling'
	| 'filecabinet'
	| 'communication'
	| 'marketing'
	| 'supplychain'
	| 'support'
	| 'website'
	| 'bank'
	| 'customers'
	| 'demandplanning'
	| 'transactionEmployees'
	| 'financial'
	| 'general'
	| 'inventory';

interface NamespaceInfo {
	prefix: string;
	uri: (version: string) => string;
}

const platform = (name: string) => (version: string) => `urn:${name}_${version}.platform.webservices.netsuite.com`;
const lists = (name: string) => (version: string) => `urn:${name}_${version}.lists.webservices.netsuite.com`;
const transactions = (name: string) => (version: string) =>
	`urn:${name}_${version}.transactions.webservices.netsuite.com`;

export const NAMESPACES: Record<NsKey, NamespaceInfo> = {
	soapenv: { prefix: 'soapenv', uri: () => 'http://schemas.xmlsoap.org/soap/envelope/' },
	xsd: { prefix: 'xsd', uri: () => 'http://www.w3.org/2001/XMLSchema' },
	xsi: { prefix: 'xsi', uri: () => 'http://www.w3.org/2001/XMLSchema-instance' },
	messages: { prefix: 'platformMsgs', uri: platform('messages') },
	core: { prefix: 'platformCore', uri: platform('core') },
	faults: { prefix: 'platformFaults', uri: platform('faults') },
	common: { prefix: 'platformCommon', uri: platform('common') },
	axis: { prefix: 'ns1', uri: () => 'http://xml.apache.org/axis/' },
	relationships: { prefix: 'listRel', uri: lists('relationships') },
	accounting: { prefix: 'listAcct', uri: lists('accounting') },
	employees: { prefix: 'listEmp', uri: lists('employees') },
	sales: { prefix: 'tranSales', uri: transactions('sales') },
	purchases: { prefix: 'tranPurch', uri: transactions('purchases') },
	customization: { prefix: 'setupCustom', uri: (version) => `urn:customization_${version}.setup.webservices.netsuite.com` },
	scheduling: { prefix: 'actSched', uri: (version) => `urn:scheduling_${version}.activities.webservices.netsuite.com` },
	filecabinet: { prefix: 'docFileCab', uri: (version) => `urn:filecabinet_${version}.documents.webservices.netsuite.com` },
	communication: { prefix: 'generalComm', uri: (version) => `urn:communication_${version}.general.webservices.netsuite.com` },
	marketing: { prefix: 'listMkt', uri: lists('marketing') },
	supplychain: { prefix: 'listScm', uri: lists('supplychain') },
	support: { prefix: 'listSupport', uri: lists('support') },
	website: { prefix: 'listSite', uri: lists('website') },
	bank: { prefix: 'tranBank', uri: transactions('bank') },
	customers: { prefix: 'tranCust', uri: transactions('customers') },
	demandplanning: { prefix: 'demandPlanning', uri: transactions('demandplanning') },
	transactionEmployees: { prefix: 'tranEmp', uri: transactions('employees') },
	financial: { prefix: 'tranFin', uri: transactions('financial') },
	general: { prefix: 'tranGeneral', uri: transactions('general') },
	inventory: { prefix: 'tranInvt', uri: transactions('inventory') },
};

/** The key of a NetSuite namespace URI of any version (`urn:relationships_2024_2.lists…` → `relationships`). */
export function nsKeyOf(uri: string): NsKey | undefined {
	const probe = uri.replace(/_\d{4}_\d\./, '_0000_0.');
	return (Object.keys(NAMESPACES) as NsKey[]).find((key) => NAMESPACES[key].uri('0000_0') === probe);
}

export interface XmlNode {
	/** null = an unqualified element (faultcode, detail, or a no-namespace wrapper as in sample 00b). */
	ns: NsKey | null;
	name: string;
	attrs?: Array<[name: string, value: string]>;
	xsiType?: { ns: NsKey; name: string };
	children?: XmlNode[];
	text?: string;
}

export function el(
	ns: NsKey | null,
	name: string,
	content?: { attrs?: Array<[string, string | undefined]>; xsiType?: { ns: NsKey; name: string }; children?: XmlNode[]; text?: string },
): XmlNode {
	const attrs = content?.attrs?.filter((entry): entry is [string, string] => entry[1] !== undefined);
	return { ns, name, attrs, xsiType: content?.xsiType, children: content?.children, text: content?.text };
}

export function textEl(ns: NsKey | null, name: string, text: string): XmlNode {
	return { ns, name, text };
}

export function escapeText(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(value: string): string {
	return escapeText(value)
		.replace(/"/g, '&quot;')
		.replace(/\t/g, '&#9;')
		.replace(/\n/g, '&#10;')
		.replace(/\r/g, '&#13;');
}

interface Scope {
	defaultUri: string;
	prefixes: Map<string, string>;
}

type Placement = 'prefix' | 'default' | 'unqualified';

class Writer {
	private numbered = 0;
	private readonly out: string[] = [];

	constructor(
		private readonly version: string,
		private readonly style: ConcretePrefixStyle,
	) {}

	write(node: XmlNode, scope: Scope, inHeader: boolean): void {
		const declarations: Array<[string, string]> = [];
		const prefixes = new Map(scope.prefixes);
		let defaultUri = scope.defaultUri;
		let qualifiedName = node.name;

		const placement = node.ns === null ? 'unqualified' : this.placement(node.ns, inHeader);
		if (placement === 'unqualified') {
			if (defaultUri !== '') {
				declarations.push(['xmlns', '']);
				defaultUri = '';
			}
		} else if (placement === 'default') {
			const uri = this.uri(node.ns as NsKey);
			if (defaultUri !== uri) {
				declarations.push(['xmlns', uri]);
				defaultUri = uri;
			}
		} else {
			const prefix = this.prefixFor(node.ns as NsKey, prefixes, declarations);
			qualifiedName = `${prefix}:${node.name}`;
		}

		let typeAttribute: string | undefined;
		if (node.xsiType) {
			const uri = this.uri(node.xsiType.ns);
			if (this.style === 'defaultNamespace' && defaultUri === uri) {
				typeAttribute = node.xsiType.name;
			} else {
				typeAttribute = `${this.prefixFor(node.xsiType.ns, prefixes, declarations)}:${node.xsiType.name}`;
			}
		}

		const attributes = [
			...declarations.map(([name, value]) => [name === 'xmlns' ? name : `xmlns:${name}`, value]),
			...(node.attrs ?? []),
			...(typeAttribute === undefined ? [] : [['xsi:type', typeAttribute]]),
		];
		this.out.push(`<${qualifiedName}`);
		for (const [name, value] of attributes) this.out.push(` ${name}="${escapeAttribute(value)}"`);
		if (!node.children?.length && node.text === undefined) {
			this.out.push('/>');
			return;
		}
		this.out.push('>');
		if (node.text !== undefined) this.out.push(escapeText(node.text));
		const childScope = { defaultUri, prefixes };
		for (const child of node.children ?? []) {
			this.write(child, childScope, inHeader || (node.ns === 'soapenv' && node.name === 'Header'));
		}
		this.out.push(`</${qualifiedName}>`);
	}

	result(): string {
		return this.out.join('');
	}

	private uri(ns: NsKey): string {
		return NAMESPACES[ns].uri(this.version);
	}

	/**
	 * Real responses put the messages wrapper in a default namespace and prefix the rest
	 * (samples 06, 07, 20) while the header's documentInfo is prefixed; sample 00b leaves the
	 * wrapper in no namespace at all.
	 */
	private placement(ns: NsKey, inHeader: boolean): Placement {
		if (ns === 'soapenv') return 'prefix';
		if (this.style === 'defaultNamespace') return 'default';
		if (ns !== 'messages' || inHeader) return 'prefix';
		return this.style === 'emptyXmlns' ? 'unqualified' : 'default';
	}

	/** Reuses an in-scope binding, else declares one on the current element. */
	private prefixFor(ns: NsKey, prefixes: Map<string, string>, declarations: Array<[string, string]>): string {
		const uri = this.uri(ns);
		const conventional = NAMESPACES[ns].prefix;
		if (prefixes.get(conventional) === uri) return conventional;
		if (this.style === 'numbered') {
			for (const [prefix, bound] of prefixes) if (bound === uri) return prefix;
		}
		const prefix = this.style === 'numbered' && ns !== 'soapenv' ? this.freshNumberedPrefix(prefixes) : conventional;
		declarations.push([prefix, uri]);
		prefixes.set(prefix, uri);
		return prefix;
	}

	private freshNumberedPrefix(prefixes: Map<string, string>): string {
		let prefix: string;
		do prefix = `ns${++this.numbered}`;
		while (prefixes.has(prefix));
		return prefix;
	}
}

/** A whole SOAP envelope; only soapenv, xsd and xsi are declared on the root, as NetSuite does. */
export function serializeEnvelope(
	version: string,
	style: ConcretePrefixStyle,
	header: XmlNode[],
	body: XmlNode[],
): string {
	const writer = new Writer(version, style);
	const rootPrefixes = new Map<string, string>();
	const envelope = el('soapenv', 'Envelope', {
		attrs: (['xsd', 'xsi'] as const).map((ns) => [`xmlns:${ns}`, NAMESPACES[ns].uri(version)]),
		children: [el('soapenv', 'Header', { children: header }), el('soapenv', 'Body', { children: body })],
	});
	// soapenv, xsd and xsi are bound at the root: the xsd/xsi declarations are ordinary attributes
	// here, so the scope is seeded by hand for the writer to reuse them.
	rootPrefixes.set('xsd', NAMESPACES.xsd.uri(version));
	rootPrefixes.set('xsi', NAMESPACES.xsi.uri(version));
	writer.write(envelope, { defaultUri: '', prefixes: rootPrefixes }, false);
	return `<?xml version="1.0" encoding="UTF-8"?>${writer.result()}`;
}
