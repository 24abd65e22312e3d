import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';

/**
 * xmlbuilder2 4.x escapes "&" only where it does not already start something shaped like an entity
 * reference (its `nonEntityAmpersandRegex`), so a value "AT&amp;T" would reach NetSuite as "AT&T",
 * "&#60;" as "<", and "R&D;" would make the whole request malformed. Escaping every "&" before
 * xmlbuilder2 sees the value makes its output exact: everything it then finds is a reference it
 * leaves alone, and it still escapes "<", ">" and quotes. The version is pinned;
 * test/unit/xmlText.test.ts fails if xmlbuilder2 ever starts escaping those ampersands itself.
 */
export function literalText(value: string): string {
	return value.includes('&') ? value.replace(/&/g, '&amp;') : value;
}

interface DomNode {
	nodeType: number;
	data?: string;
	attributes?: ArrayLike<{ value: string }>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * The same for a document xmlbuilder2 parsed (an envelope typed into HTTP Request): parsing decoded
 * its references, so serialising it again must not let a decoded "&amp;" turn into "&".
 */
export function keepAmpersandsLiteral(document: XMLBuilder): void {
	document.each(
		(builder) => {
			const node = builder.node as unknown as DomNode;
			if (node.nodeType === TEXT_NODE && node.data !== undefined) node.data = literalText(node.data);
			if (node.nodeType === ELEMENT_NODE && node.attributes) {
				for (let index = 0; index < node.attributes.length; index++) {
					const attribute = node.attributes[index];
					attribute.value = literalText(attribute.value);
				}
			}
		},
		true,
		true,
	);
}
