/**
 * JSON scalars → the lexical forms NetSuite's XSD types accept (SUBMIT.md §3.5–3.7). Values read
 * by Get Async Result are strings and pass through unchanged when valid, so a record read can be
 * written back as it came.
 */

export class ValueError extends Error {
	constructor(
		message: string,
		readonly fix: string,
	) {
		super(message);
		this.name = 'ValueError';
	}
}

/** XML 1.0 cannot carry these; NetSuite rejects the whole request over one of them. */
const NON_XML_CHARACTERS =
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Rules out the characters above in one cheap pass; the exact check runs only on a hit. */
const MAYBE_NON_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const MAX_ENUM_VALUES_LISTED = 25;

function describe(value: unknown): string {
	if (typeof value === 'string') return `"${value.slice(0, 60)}"`;
	return JSON.stringify(value)?.slice(0, 60) ?? String(value);
}

function text(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new ValueError(
		`${Array.isArray(value) ? 'an array' : value === null ? 'null' : 'an object'} where a single value is expected`,
		'Give a string, number or boolean here.',
	);
}

function checkXmlCharacters(value: string): string {
	if (!MAYBE_NON_XML.test(value)) return value;
	const bad = NON_XML_CHARACTERS.exec(value)?.[0];
	if (bad !== undefined) {
		const codePoint = bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
		throw new ValueError(`contains U+${codePoint}, which XML cannot carry`, 'Remove control characters from the value.');
	}
	return value;
}

/**
 * The offset of America/Los_Angeles at local midnight of `date`: Oracle's advice for date-only
 * fields is midnight Pacific with the offset of that day (SUBMIT.md §3.6), so that the date
 * NetSuite stores is the date given, whatever daylight saving does.
 */
let pacificOffsets: Intl.DateTimeFormat | undefined;

function pacificMidnight(year: number, month: number, day: number): string {
	pacificOffsets ??= new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', timeZoneName: 'longOffset' });
	const formatter = pacificOffsets;
	// Noon UTC of that day is the same Pacific calendar day, and lies past any midnight switch.
	const part = formatter.formatToParts(new Date(Date.UTC(year, month - 1, day, 12))).find((p) => p.type === 'timeZoneName');
	const offset = part?.value.replace('GMT', '') || '+00:00';
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	return `${pad(year, 4)}-${pad(month)}-${pad(day)}T00:00:00.000${offset}`;
}

function dateTime(value: unknown): string {
	const raw = text(value).trim();
	const dateOnly = DATE_ONLY.exec(raw);
	if (dateOnly) return pacificMidnight(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]));
	if (DATE_TIME.test(raw) && !Number.isNaN(Date.parse(raw))) return raw;
	throw new ValueError(
		`${describe(value)} is not a date and time`,
		'Use ISO 8601 with an offset, e.g. 2025-03-16T00:00:00.000-07:00, or a date alone (2025-03-16: midnight Pacific time, as Oracle advises for date fields).',
	);
}

function boolean(value: unknown): string {
	const raw = typeof value === 'boolean' ? String(value) : text(value).trim().toLowerCase();
	if (raw === 'true' || raw === '1') return 'true';
	if (raw === 'false' || raw === '0') return 'false';
	throw new ValueError(`${describe(value)} is not a boolean`, 'Use true or false.');
}

function integer(value: unknown): string {
	const raw = text(value).trim();
	if (INTEGER.test(raw)) return raw;
	throw new ValueError(`${describe(value)} is not a whole number`, 'Use digits only, e.g. 25 (no decimals, no grouping).');
}

function decimal(value: unknown): string {
	if (typeof value === 'number' && !Number.isFinite(value)) {
		throw new ValueError(`${value} is not a number NetSuite accepts`, 'Use a finite number, e.g. 2.35.');
	}
	const raw = text(value).trim();
	if (DECIMAL.test(raw)) return raw;
	throw new ValueError(`${describe(value)} is not a number`, 'Use a plain decimal with a dot, e.g. 2500.5 (no grouping, no currency sign).');
}

const BUILT_IN: Readonly<Record<string, (value: unknown) => string>> = {
	'xsd:boolean': boolean,
	'xsd:long': integer,
	'xsd:int': integer,
	'xsd:integer': integer,
	'xsd:short': integer,
	'xsd:double': decimal,
	'xsd:float': decimal,
	'xsd:decimal': decimal,
	'xsd:dateTime': dateTime,
	'xsd:date': dateTime,
};

/** The value's lexical form for an `xsd:` type (anything not listed is text). */
export function builtInValue(xsdType: string, value: unknown): string {
	const convert = BUILT_IN[xsdType];
	return checkXmlCharacters(convert ? convert(value) : text(value));
}

/** Country has 250 values and is in every address: looked up, not scanned. */
const enumerationSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * An enumeration value: NetSuite's record enums start with `_` (`_unitedStates`); the bare form is
 * accepted and completed, anything else is refused with the valid values.
 */
export function enumValue(values: readonly string[], value: unknown, closest: (name: string, names: readonly string[]) => string[]): string {
	const raw = text(value).trim();
	let known = enumerationSets.get(values);
	if (!known) {
		known = new Set(values);
		enumerationSets.set(values, known);
	}
	if (known.has(raw)) return raw;
	if (known.has(`_${raw}`)) return `_${raw}`;
	const listed =
		values.length <= MAX_ENUM_VALUES_LISTED
			? values.join(', ')
			: `${values.slice(0, MAX_ENUM_VALUES_LISTED).join(', ')}, … (${values.length} in all)`;
	const suggestions = closest(raw, values);
	throw new ValueError(
		`${describe(value)} is not one of its values${suggestions.length ? `; did you mean ${suggestions.join(' or ')}?` : ''}`,
		`Valid values: ${listed}.`,
	);
}
