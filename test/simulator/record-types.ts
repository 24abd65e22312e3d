import { qname, schemaIndex, splitQName, type QName } from '../xsd/schema-index';
import { nsKeyOf, type NsKey } from './xml-writer';

/** What the simulator needs to know about a record type, all derived from the 2025_2 XSDs. */
export interface RecordTypeInfo {
	key: QName;
	/** xsi:type local name, e.g. `Customer`. */
	recordType: string;
	/** RecordType value, e.g. `customer`. */
	type: string;
	namespace: string;
	/** The XSD declares an externalId attribute (a precondition of upsert). */
	hasExternalId: boolean;
	/** External IDs are unique per group (case-insensitive): entities, transactions, items, else the type. */
	group: string;
}

export const CORE_NS = 'urn:core_2025_2.platform.webservices.netsuite.com';
export const RECORD_KEY = qname(CORE_NS, 'Record');
export const RECORD_REF_KEY = qname(CORE_NS, 'RecordRef');

/** [O:section_N3436356]: one external-ID space for all entities, one for all transactions, one for all items. */
const ENTITY_TYPES = new Set(['Customer', 'Contact', 'Vendor', 'Employee', 'Partner', 'Job']);

let byName: Map<string, RecordTypeInfo> | undefined;

function groupOf(recordType: string, namespace: string): string {
	if (ENTITY_TYPES.has(recordType)) return 'entity';
	if (namespace.includes('.transactions.') || /^Custom(Sale|Purchase|Transaction)$/.test(recordType)) return 'transaction';
	if (namespace.startsWith('urn:accounting_') && recordType.endsWith('Item')) return 'item';
	return recordType;
}

function table(): Map<string, RecordTypeInfo> {
	if (byName) return byName;
	const index = schemaIndex();
	byName = new Map();
	for (const [key, type] of index.types) {
		if (type.kind !== 'complexType' || type.abstract || key === RECORD_KEY || !index.derivesFrom(key, RECORD_KEY)) continue;
		const { namespace, local } = splitQName(key);
		const info: RecordTypeInfo = {
			key,
			recordType: local,
			type: local.charAt(0).toLowerCase() + local.slice(1),
			namespace,
			hasExternalId: index.attributes(key).includes('externalId'),
			group: groupOf(local, namespace),
		};
		byName.set(info.recordType, info);
		byName.set(info.type, info);
	}
	return byName;
}

/** By RecordType value (`customer`) or xsi:type name (`Customer`). */
export function recordTypeInfo(name: string): RecordTypeInfo | undefined {
	return table().get(name);
}

export function recordTypeByKey(key: QName | undefined): RecordTypeInfo | undefined {
	if (!key) return undefined;
	const info = table().get(splitQName(key).local);
	return info?.key === key ? info : undefined;
}

/** The writer's namespace key for a record type's elements; undefined for types the simulator cannot name. */
export function recordNamespaceKey(recordType: string): NsKey | undefined {
	const info = recordTypeInfo(recordType);
	return info ? nsKeyOf(info.namespace) : undefined;
}
