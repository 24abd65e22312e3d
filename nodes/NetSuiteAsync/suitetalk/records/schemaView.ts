import {
	attributesOf,
	elementsOf,
	enumerationOf,
	isAbstract,
	isComplexType,
	baseTypeOf,
	localNameOf,
	namespaceUri,
	recordTypes,
	searchTypes,
	sublistItemOf,
	textTypeOf,
	builtinTypeOf,
	concreteSubtypesOf,
	type AttributeDeclaration,
	type ElementDeclaration,
	type QualifiedName,
	type RecordTypeInfo,
} from '../schema/model';

/**
 * What the writer needs from the schema model beyond its loader: a type's attributes and elements
 * by name with their XSD positions, the concrete subtypes an `xsi:type` may name, and record and
 * search types found by every name people use for them (`customer`, `Customer`, `listRel:Customer`).
 */

export { localNameOf, prefixOf } from '../schema/model';

export interface ElementInfo extends ElementDeclaration {
	/** Position in the type's sequence (inherited elements first): the order the writer emits. */
	order: number;
}

export interface TypeInfo {
	name: QualifiedName;
	abstract: boolean;
	/** simpleContent: the element's own text has this type. */
	text?: QualifiedName;
	attributes: ReadonlyMap<string, AttributeDeclaration>;
	elements: readonly ElementInfo[];
	elementsByName: ReadonlyMap<string, ElementInfo>;
	/** minOccurs > 0: checked on every record, so kept apart from the hundreds that are optional. */
	requiredElements: readonly ElementInfo[];
	/** Attribute name → its position in the schema: the order attributes are written in. */
	attributeOrder: ReadonlyMap<string, number>;
	/** A list wrapper (`addressbookList`, `subsidiaryList`, `customFieldList`, `nullFieldList`): its one repeated element. */
	listItem?: ElementInfo;
}

export interface SearchTypes {
	search?: QualifiedName;
	advanced?: QualifiedName;
}

function lowerFirst(name: string): string {
	return name.charAt(0).toLowerCase() + name.slice(1);
}

export class SchemaView {
	private readonly types = new Map<QualifiedName, TypeInfo>();
	private readonly builtins = new Map<QualifiedName, QualifiedName>();
	private readonly lineages = new Map<QualifiedName, ReadonlySet<QualifiedName>>();
	private recordIndex?: Map<string, RecordTypeInfo>;
	private searchIndex?: Map<string, SearchTypes>;

	namespaceUri(prefix: string, apiVersion: string): string {
		const uri = namespaceUri(prefix, apiVersion);
		if (uri === undefined) throw new Error(`The schema model has no namespace for prefix "${prefix}"`);
		return uri;
	}

	isComplex(typeName: QualifiedName): boolean {
		return isComplexType(typeName);
	}

	enumeration(typeName: QualifiedName): readonly string[] | undefined {
		return enumerationOf(typeName);
	}

	builtinType(typeName: QualifiedName): QualifiedName {
		let builtin = this.builtins.get(typeName);
		if (builtin === undefined) {
			builtin = builtinTypeOf(typeName) ?? 'xsd:string';
			this.builtins.set(typeName, builtin);
		}
		return builtin;
	}

	/** Asked for every custom field of every record: the base chain is walked once per type. */
	derivesFrom(typeName: QualifiedName, ancestor: QualifiedName): boolean {
		let lineage = this.lineages.get(typeName);
		if (!lineage) {
			const chain = new Set<QualifiedName>();
			for (let current: QualifiedName | undefined = typeName; current !== undefined; current = baseTypeOf(current)) chain.add(current);
			this.lineages.set(typeName, chain);
			lineage = chain;
		}
		return lineage.has(ancestor);
	}

	type(typeName: QualifiedName): TypeInfo {
		let info = this.types.get(typeName);
		if (!info) {
			if (!isComplexType(typeName)) throw new Error(`The schema model has no complex type "${typeName}"`);
			const elements = elementsOf(typeName).map((element, order): ElementInfo => ({ ...element, order }));
			const elementsByName = new Map(elements.map((element) => [element.name, element]));
			const attributes = new Map(attributesOf(typeName).map((attribute) => [attribute.name, attribute]));
			const onlyReplaceAll = [...attributes.keys()].every((name) => name === 'replaceAll');
			const item = sublistItemOf(typeName);
			info = {
				name: typeName,
				abstract: isAbstract(typeName),
				text: textTypeOf(typeName),
				attributes,
				elements,
				elementsByName,
				requiredElements: elements.filter((element) => element.minOccurs > 0),
				attributeOrder: new Map([...attributes.keys()].map((name, index) => [name, index])),
				listItem: item && onlyReplaceAll ? elementsByName.get(item.name) : undefined,
			};
			this.types.set(typeName, info);
		}
		return info;
	}

	/** Concrete types an `xsi:type` may name where `typeName` is declared. */
	concreteSubtypes(typeName: QualifiedName): readonly QualifiedName[] {
		return concreteSubtypesOf(typeName);
	}

	/** A record type by RecordType value (`customer`), type name (`Customer`) or qualified name, case ignored. */
	recordType(name: string): RecordTypeInfo | undefined {
		if (!this.recordIndex) {
			this.recordIndex = new Map();
			for (const info of recordTypes()) {
				for (const key of [info.type, info.localName, info.recordType ?? lowerFirst(info.localName)]) {
					this.recordIndex.set(key.toLowerCase(), info);
				}
			}
		}
		return this.recordIndex.get(name.trim().toLowerCase());
	}

	/** RecordType values of the records that can be sent on their own (subrecords such as Address have none). */
	recordTypeNames(): string[] {
		return recordTypes()
			.map((info) => info.recordType)
			.filter((value): value is string => value !== undefined);
	}

	/** `customer` → CustomerSearch / CustomerSearchAdvanced; `transaction`, `item` for the shared searches. */
	searchTypes(name: string): SearchTypes | undefined {
		if (!this.searchIndex) {
			this.searchIndex = new Map();
			for (const kind of ['search', 'advanced'] as const) {
				for (const typeName of searchTypes(kind)) {
					const key = localNameOf(typeName).replace(/Search(Advanced)?$/, '').toLowerCase();
					const entry = this.searchIndex.get(key) ?? {};
					entry[kind] = typeName;
					this.searchIndex.set(key, entry);
				}
			}
		}
		return this.searchIndex.get(name.trim().toLowerCase());
	}

	searchTypeNames(): string[] {
		return searchTypes('search').map((typeName) => lowerFirst(localNameOf(typeName).replace(/Search$/, '')));
	}
}

/** One view for the whole process: the model is static data. */
export const schemaView = new SchemaView();
