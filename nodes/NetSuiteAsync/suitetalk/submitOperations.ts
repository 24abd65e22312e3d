/**
 * The seven asynchronous submissions (SUBMIT.md §1.2, §4.1): what each carries in its body, how many
 * entries one request may hold, and which request-level preferences header the WSDL binding allows.
 */

export const ASYNC_SUBMIT_OPERATIONS = [
	'asyncAddList',
	'asyncUpdateList',
	'asyncUpsertList',
	'asyncDeleteList',
	'asyncGetList',
	'asyncInitializeList',
	'asyncSearch',
] as const;

export type AsyncSubmitOperation = (typeof ASYNC_SUBMIT_OPERATIONS)[number];

/** The body child each entry becomes (all in the messages namespace). */
export type BodyEntryKind = 'record' | 'baseRef' | 'initializeRecord' | 'searchRecord';

export interface SubmitOperationRules {
	entry: BodyEntryKind;
	/** Entries per request: NetSuite's documented maximum (one search per asyncSearch). */
	maxPerJob: number;
	/** The header the WSDL binding declares for the operation. */
	preferencesHeader: 'preferences' | 'searchPreferences';
	/** What getAsyncResult returns for the job. */
	results: 'write' | 'read' | 'search';
}

export const SUBMIT_OPERATION_RULES: Readonly<Record<AsyncSubmitOperation, SubmitOperationRules>> = {
	asyncAddList: { entry: 'record', maxPerJob: 400, preferencesHeader: 'preferences', results: 'write' },
	asyncUpdateList: { entry: 'record', maxPerJob: 200, preferencesHeader: 'preferences', results: 'write' },
	asyncUpsertList: { entry: 'record', maxPerJob: 200, preferencesHeader: 'preferences', results: 'write' },
	asyncDeleteList: { entry: 'baseRef', maxPerJob: 400, preferencesHeader: 'preferences', results: 'write' },
	asyncGetList: { entry: 'baseRef', maxPerJob: 2000, preferencesHeader: 'preferences', results: 'read' },
	// NetSuite documents no limit (SUBMIT.md §6 U3): the synchronous getList's 1,000 until someone measures it.
	asyncInitializeList: { entry: 'initializeRecord', maxPerJob: 1000, preferencesHeader: 'preferences', results: 'read' },
	// One search per job; its page size (5–2,000) is a search preference.
	asyncSearch: { entry: 'searchRecord', maxPerJob: 1, preferencesHeader: 'searchPreferences', results: 'search' },
};

/** NetSuite refuses a request over 100 MB (ExceededRequestSizeFault). */
export const MAX_REQUEST_BYTES = 100 * 1024 * 1024;

export function isAsyncSubmitOperation(name: unknown): name is AsyncSubmitOperation {
	return typeof name === 'string' && (ASYNC_SUBMIT_OPERATIONS as readonly string[]).includes(name);
}
