import { schemaIndex, splitQName } from '../xsd/schema-index';
import { validateEnvelope } from '../xsd/validate';
import { childNamed, childrenNamed, parseElementTree, textsOf, toXmlNode, type ElementNode } from './element-tree';
import { axisFault, userFault, type SoapFault } from './faults';
import { DEFAULT_SUBMIT_SCRIPT } from './jobs';
import { assignLineKeys, mergeRecord } from './record-merge';
import { fieldType, readRecord, RecordStore, type StoreEntry } from './record-store';
import { RECORD_REF_KEY, recordTypeByKey, recordTypeInfo, type RecordTypeInfo } from './record-types';
import { runSearch } from './search';
import type {
	JobOptions,
	JobScript,
	ReadRecord,
	RecordFailureRule,
	StatusDetail,
	SubmitOperation,
	SubmittedJob,
	WriteRecord,
} from './types';

/**
 * The seven async submit operations against the record store: XSD validation, NetSuite's
 * per-request limits, then one result per submitted record, in submission order.
 */

export const SUBMIT_OPERATIONS: readonly SubmitOperation[] = [
	'asyncAddList',
	'asyncUpdateList',
	'asyncUpsertList',
	'asyncDeleteList',
	'asyncGetList',
	'asyncInitializeList',
	'asyncSearch',
];

/**
 * [O:section_N3418637]. asyncInitializeList has no documented limit: 1000 (the sync getList limit,
 * SUBMIT.md U3) is a guess.
 */
export const RECORD_LIMITS: Record<Exclude<SubmitOperation, 'asyncSearch'>, number> = {
	asyncAddList: 400,
	asyncUpdateList: 200,
	asyncUpsertList: 200,
	asyncDeleteList: 400,
	asyncGetList: 2000,
	asyncInitializeList: 1000,
};
export const SEARCH_PAGE_SIZE = { min: 5, max: 2000 };

const ITEM_ELEMENT: Record<Exclude<SubmitOperation, 'asyncSearch'>, string> = {
	asyncAddList: 'record',
	asyncUpdateList: 'record',
	asyncUpsertList: 'record',
	asyncDeleteList: 'baseRef',
	asyncGetList: 'baseRef',
	asyncInitializeList: 'initializeRecord',
};

/** Calculated fields NetSuite refuses on write unless ignoreReadOnlyFields [O:section_4170181850]. */
const READ_ONLY_FIELDS = new Set(['balance', 'overdueBalance', 'unbilledOrders', 'depositBalance', 'consolBalance', 'dateCreated', 'createdDate', 'lastModifiedDate']);
const MAX_FAULT_MESSAGE = 600;

export function isSubmitOperation(operation: string): operation is SubmitOperation {
	return (SUBMIT_OPERATIONS as readonly string[]).includes(operation);
}

export type SubmitOutcome = { fault: SoapFault } | { job: JobOptions; submitted: Omit<SubmittedJob, 'jobId'> };

interface FailureRule extends RecordFailureRule {
	remaining: number;
}

interface RecordContext {
	operation: SubmitOperation;
	index: number;
	preferences: Record<string, string>;
}

const error = (code: string, message: string): StatusDetail => ({ type: 'ERROR', code, message });
const notFound = (): StatusDetail => error('RCRD_DSNT_EXIST', 'That record does not exist.');

function isTrue(value: string | undefined): boolean {
	return value?.trim() === 'true' || value?.trim() === '1';
}

/** A custom record's type as its `recType` field names it (internal id or script id). */
function customRecordTypeOf(fields: ElementNode[]): { typeId?: string; scriptId?: string } {
	const recType = fields.find((field) => field.name === 'recType');
	return { typeId: recType?.attributes.internalId, scriptId: recType?.attributes.scriptId };
}

/** The baseRef of a write result: a CustomRecordRef for custom records [O:section_N3768988], else a RecordRef. */
function idsOf(entry: StoreEntry): Pick<WriteRecord, 'internalId' | 'externalId' | 'type' | 'customRecordType'> {
	const ids = { internalId: entry.internalId, externalId: entry.externalId };
	return entry.info.type === 'customRecord' ? { ...ids, customRecordType: customRecordTypeOf(entry.fields) } : { ...ids, type: entry.info.type };
}

export class SubmitService {
	readonly records = new RecordStore();
	readonly jobs = { get: (jobId: string): SubmittedJob | undefined => this.submittedJobs.get(jobId) };
	private readonly submittedJobs = new Map<string, SubmittedJob>();
	private failures: FailureRule[] = [];

	constructor(private readonly options: { validateXsd: boolean; jobScript?: JobScript }) {}

	scriptFailure(rule: RecordFailureRule): void {
		this.failures.push({ ...rule, match: { ...rule.match }, remaining: rule.times ?? Number.POSITIVE_INFINITY });
	}

	clearFailures(): void {
		this.failures = [];
	}

	recordJob(jobId: string, submitted: Omit<SubmittedJob, 'jobId'>): void {
		this.submittedJobs.set(jobId, { jobId, ...submitted });
	}

	async submit(operation: SubmitOperation, rawBody: string, apiVersion: string): Promise<SubmitOutcome> {
		if (this.options.validateXsd) {
			const validation = await validateEnvelope(rawBody);
			// Axis rejects what it cannot deserialize before NetSuite sees it, as a SAXException (SUBMIT.md §5).
			if (!validation.valid) {
				const first = validation.errors[0];
				const message = first ? `line ${first.line}: ${first.message}` : 'the request does not match the schema';
				return { fault: axisFault('soapenv:Server.userException', `org.xml.sax.SAXException: ${message.slice(0, MAX_FAULT_MESSAGE)}`) };
			}
		}
		const envelope = parseElementTree(rawBody);
		const header = childNamed(envelope, 'Header');
		const body = childNamed(envelope, 'Body')?.children[0];
		const preferences = textsOf(childNamed(header, 'preferences'));
		const searchPreferences = textsOf(childNamed(header, 'searchPreferences'));
		if (!body) return { fault: axisFault('soapenv:Client', 'org.xml.sax.SAXException: the SOAP Body is empty') };

		if (operation === 'asyncSearch') {
			const pageSize = searchPreferences.pageSize;
			if (pageSize !== undefined && !(Number(pageSize) >= SEARCH_PAGE_SIZE.min && Number(pageSize) <= SEARCH_PAGE_SIZE.max)) {
				return { fault: userFault('exceededRecordCountFault', 'INVALID_SEARCH_PAGE_SIZE', 'Invalid search page size.') };
			}
			const results = runSearch(this.records, childNamed(body, 'searchRecord'), searchPreferences);
			return this.outcome(operation, { kind: 'search', ...results }, 1, preferences, searchPreferences, apiVersion);
		}

		const items = childrenNamed(body, ITEM_ELEMENT[operation]);
		const limit = RECORD_LIMITS[operation];
		if (items.length > limit) {
			return {
				fault: userFault(
					'exceededRecordCountFault',
					'MAX_RCRDS_EXCEEDED',
					`The maximum number ( ${limit} ) of records allowed for a ${operation} operation has been exceeded.`,
				),
			};
		}
		const context = (index: number): RecordContext => ({ operation, index, preferences });
		if (operation === 'asyncGetList' || operation === 'asyncInitializeList') {
			const records = items.map((item, index) =>
				operation === 'asyncGetList' ? this.get(item, context(index)) : this.initialize(item, context(index)),
			);
			return this.outcome(operation, { kind: 'read', operation, records }, items.length, preferences, searchPreferences, apiVersion);
		}
		const records = items.map((item, index) => this.write(item, context(index)));
		return this.outcome(operation, { kind: 'write', operation, records }, items.length, preferences, searchPreferences, apiVersion);
	}

	private outcome(
		operation: SubmitOperation,
		results: JobOptions['results'],
		recordCount: number,
		preferences: Record<string, string>,
		searchPreferences: Record<string, string>,
		apiVersion: string,
	): SubmitOutcome {
		return {
			job: { script: this.options.jobScript ?? DEFAULT_SUBMIT_SCRIPT, results },
			submitted: { operation, recordCount, preferences, searchPreferences, apiVersion },
		};
	}

	/** The first scripted rule that matches this record, used up by one. */
	private scripted(context: RecordContext, info: RecordTypeInfo | undefined, ids: { internalId?: string; externalId?: string }): FailureRule | undefined {
		const rule = this.failures.find((candidate) => {
			if (candidate.remaining <= 0) return false;
			if (candidate.operation !== undefined && candidate.operation !== context.operation) return false;
			if (candidate.recordType !== undefined && recordTypeInfo(candidate.recordType)?.type !== info?.type) return false;
			const match = candidate.match;
			if ('index' in match) return match.index === context.index;
			if ('internalId' in match) return match.internalId === ids.internalId;
			return ids.externalId !== undefined && match.externalId.toLowerCase() === ids.externalId.toLowerCase();
		});
		if (rule) rule.remaining -= 1;
		return rule;
	}

	private write(item: ElementNode, context: RecordContext): WriteRecord {
		const { operation } = context;
		if (operation === 'asyncDeleteList') return this.delete(item, context);
		const internalId = item.attributes.internalId;
		const externalId = item.attributes.externalId;
		const info = recordTypeByKey(item.xsiType);
		// Only reachable with validateXsd off: the schema lets no other type through.
		if (!info) {
			const named = item.xsiType ? splitQName(item.xsiType).local : 'none';
			return { isSuccess: false, internalId, externalId, details: [error('INVALID_RCRD_TYPE', `Invalid record type: ${named}.`)] };
		}
		const echo: Pick<WriteRecord, 'internalId' | 'externalId' | 'type' | 'customRecordType'> =
			info.type === 'customRecord'
				? { internalId, externalId, customRecordType: customRecordTypeOf(item.children) }
				: { internalId, externalId, type: info.type };
		const failed = (detail: StatusDetail, ids = echo): WriteRecord => ({ isSuccess: false, ...ids, details: [detail] });

		// With server scripts switched off by the request there is no afterSubmit script to fail [O:section_4170181850].
		const scriptsOff = context.preferences.runServerSuiteScriptAndTriggerWorkflows?.trim() === 'false';
		const matched = this.scripted(context, info, { internalId, externalId });
		const rule = matched?.afterSubmitFailed && scriptsOff ? undefined : matched;
		if (rule && !rule.afterSubmitFailed && (rule.type ?? 'ERROR') === 'ERROR') return failed(error(rule.code, rule.message));

		let existing: StoreEntry | undefined;
		if (operation === 'asyncUpsertList') {
			if (!info.hasExternalId) {
				return failed(error('INVALID_RCRD_TYPE', `${info.type} does not support external ID and cannot be used with upsert`));
			}
			if (externalId === undefined || externalId.trim() === '') {
				return failed(error('USER_ERROR', 'This operation requies a value for externalId.'));
			}
			if (internalId !== undefined) return failed(error('USER_ERROR', 'You cannot set internalId with upsert.'));
			existing = this.records.find(info.type, { externalId });
		} else if (operation === 'asyncUpdateList') {
			existing = this.records.find(info.type, { internalId, externalId });
			if (!existing) return failed(notFound());
		}

		let submitted = item.children;
		const readOnly = submitted.filter((field) => READ_ONLY_FIELDS.has(field.name));
		if (readOnly.length > 0) {
			if (!isTrue(context.preferences.ignoreReadOnlyFields)) {
				return failed(
					error(
						'INSUFFICIENT_PERMISSION',
						`You do not have permissions to set a value for element ${readOnly[0].name} due to one of the following reasons: 1) The field is read-only; 2) An associated feature is disabled; 3) The field is available either when a record is created or updated, but not in both cases.`,
					),
				);
			}
			submitted = submitted.filter((field) => !READ_ONLY_FIELDS.has(field.name));
		}

		const newExternalId = existing ? (operation === 'asyncUpdateList' && internalId !== undefined && externalId !== undefined ? externalId : existing.externalId) : externalId;
		if (!existing && externalId !== undefined && this.records.externalIdTaken(info, externalId)) {
			// Code and text UNVERIFIED: NetSuite's answer to a duplicate external ID on add.
			return failed(info.group === 'entity' ? error('DUP_ENTITY', 'This entity already exists.') : error('DUP_RCRD', 'This record already exists.'));
		}
		const badReference = this.invalidReference(info, submitted);
		if (badReference) return failed(badReference);

		const fields = mergeRecord(info.key, existing?.fields ?? [], submitted);
		const missing = this.missingRequired(info, fields);
		if (missing) return failed(missing);

		const warnings: StatusDetail[] = [];
		if (rule && (rule.type ?? 'ERROR') === 'WARN' && !rule.afterSubmitFailed) {
			if (isTrue(context.preferences.warningAsError)) return failed(error(rule.code, rule.message));
			warnings.push({ type: 'WARN', code: rule.code, message: rule.message });
		}
		assignLineKeys(info.key, fields, this.records);
		const saved = this.records.save({
			info,
			internalId: existing?.internalId ?? this.records.newInternalId(),
			externalId: newExternalId,
			fields,
		});
		const ids = idsOf(saved);
		if (rule?.afterSubmitFailed) {
			return { isSuccess: false, ...ids, details: [{ type: 'ERROR', code: rule.code, message: rule.message, afterSubmitFailed: true }] };
		}
		return { isSuccess: true, ...ids, ...(warnings.length > 0 ? { details: warnings } : {}) };
	}

	/** The stored record a baseRef names; CustomRecordRef is looked up among custom records. */
	private byReference(ref: ElementNode): { info?: RecordTypeInfo; entry?: StoreEntry; customRecordType?: WriteRecord['customRecordType'] } {
		const isCustom = ref.xsiType !== undefined && splitQName(ref.xsiType).local !== 'RecordRef';
		const info = recordTypeInfo(isCustom ? 'customRecord' : (ref.attributes.type ?? ''));
		let entry = info ? this.records.find(info.type, { internalId: ref.attributes.internalId, externalId: ref.attributes.externalId }) : undefined;
		if (!isCustom) return { info, entry };
		const { typeId, scriptId } = ref.attributes;
		const stored = entry ? customRecordTypeOf(entry.fields) : undefined;
		// A custom record is found only within the custom record type the reference names.
		if (stored && ((typeId !== undefined && stored.typeId !== typeId) || (scriptId !== undefined && stored.scriptId?.toLowerCase() !== scriptId.toLowerCase()))) {
			entry = undefined;
		}
		return { info, entry, customRecordType: { typeId, scriptId } };
	}

	private delete(ref: ElementNode, context: RecordContext): WriteRecord {
		const { info, entry, customRecordType } = this.byReference(ref);
		const echo = customRecordType
			? { internalId: ref.attributes.internalId, externalId: ref.attributes.externalId, customRecordType }
			: { internalId: ref.attributes.internalId, externalId: ref.attributes.externalId, type: ref.attributes.type ?? info?.type };
		const rule = this.scripted(context, info, echo);
		if (rule && (rule.type ?? 'ERROR') === 'ERROR' && !rule.afterSubmitFailed) {
			return { isSuccess: false, ...echo, details: [error(rule.code, rule.message)] };
		}
		if (!entry) return { isSuccess: false, ...echo, details: [notFound()] };
		this.records.remove(entry);
		return { isSuccess: true, ...idsOf(entry) };
	}

	private get(ref: ElementNode, context: RecordContext): ReadRecord {
		const { info, entry } = this.byReference(ref);
		const rule = this.scripted(context, info, { internalId: ref.attributes.internalId, externalId: ref.attributes.externalId });
		const recordType = info?.recordType ?? 'Record';
		if (rule && (rule.type ?? 'ERROR') === 'ERROR') return { isSuccess: false, recordType, details: [error(rule.code, rule.message)] };
		if (!entry) return { isSuccess: false, recordType, details: [notFound()] };
		return readRecord(entry);
	}

	/**
	 * A template of the target type from a stored reference. What NetSuite copies is UNVERIFIED: the
	 * simulator copies the reference's fields of the same name and type, and points the template's
	 * `entity`/`customer`/`createdFrom` at the reference.
	 */
	private initialize(item: ElementNode, context: RecordContext): ReadRecord {
		const targetName = childNamed(item, 'type')?.text.trim() ?? '';
		const target = recordTypeInfo(targetName);
		const reference = childNamed(item, 'reference');
		const recordType = target?.recordType ?? targetName;
		const rule = this.scripted(context, target, { internalId: reference?.attributes.internalId, externalId: reference?.attributes.externalId });
		if (rule && (rule.type ?? 'ERROR') === 'ERROR') return { isSuccess: false, recordType, details: [error(rule.code, rule.message)] };
		if (!target) return { isSuccess: false, recordType, details: [error('INVALID_INITIALIZE_REF', `Invalid initialize type ${targetName}.`)] };
		let fields: ElementNode[] = [];
		if (reference) {
			const { info, entry } = this.byReference(reference);
			if (!entry || !info) {
				const id = reference.attributes.internalId ?? reference.attributes.externalId ?? '';
				return { isSuccess: false, recordType, details: [error('INVALID_KEY_OR_REF', `Invalid ${reference.attributes.type ?? ''} reference key ${id}.`)] };
			}
			const index = schemaIndex();
			for (const field of entry.fields) {
				const declaration = index.child(target.key, field.name);
				if (declaration && index.elementType(declaration) === fieldType(info.key, field)) fields.push({ ...field, namespace: declaration.namespace });
			}
			const pointer = info.group === 'transaction' ? 'createdFrom' : (['customer', 'entity'].find((name) => index.child(target.key, name)) ?? '');
			const declaration = index.child(target.key, pointer);
			if (declaration) {
				fields = fields.filter((field) => field.name !== pointer);
				fields.push({ namespace: declaration.namespace, name: pointer, attributes: { internalId: entry.internalId }, children: [], text: '' });
			}
			fields = mergeRecord(target.key, [], fields);
		}
		return { isSuccess: true, recordType: target.recordType, elements: fields.map(toXmlNode) };
	}

	/** [O:section_N3539978] INVALID_KEY_OR_REF: checked for record types the store holds (seed them to have it). */
	private invalidReference(info: RecordTypeInfo, fields: ElementNode[]): StatusDetail | undefined {
		for (const field of fields) {
			if (fieldType(info.key, field) !== RECORD_REF_KEY) continue;
			const target = recordTypeInfo(field.attributes.type ?? field.name);
			const { internalId, externalId } = field.attributes;
			if (!target || !this.records.holdsType(target.type) || (internalId === undefined && externalId === undefined)) continue;
			if (!this.records.find(target.type, { internalId, externalId })) {
				return error('INVALID_KEY_OR_REF', `Invalid ${field.name} reference key ${internalId ?? externalId}.`);
			}
		}
		return undefined;
	}

	/** The one business rule the simulator knows by heart: a company customer needs a company name. */
	private missingRequired(info: RecordTypeInfo, fields: ElementNode[]): StatusDetail | undefined {
		if (info.recordType !== 'Customer') return undefined;
		const value = (name: string) => fields.find((field) => field.name === name)?.text.trim() ?? '';
		if (value('isPerson') !== 'true' && value('companyName') === '') {
			return error('USER_ERROR', 'Please enter value(s) for: Company Name');
		}
		return undefined;
	}
}
