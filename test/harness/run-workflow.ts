import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { readFileSync } from 'fs';
import { WorkflowExecute } from 'n8n-core';
import type {
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IPinData,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowSettings,
	LogMetadata,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { LoggerProxy, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { TestCredentialsHelper } from './credentials-helper';
import { TestNodeTypes } from './node-types';
import { builtinNodeTypes } from './test-nodes';

export { manualTriggerNodeType, itemsNodeType, MANUAL_TRIGGER_TYPE, ITEMS_TYPE } from './test-nodes';

type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface RunWorkflowOptions {
	/** Keyed by full type name, e.g. 'n8n-nodes-netsuite-async.netSuiteAsync'. */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	/** Keyed by credential name, e.g. 'netSuiteTbaApi'. */
	credentialTypes?: Record<string, ICredentialType>;
	/** Credential data keyed by credential TYPE name; a node's `credentials: { netSuiteTbaApi: {...} }` resolves by type. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Cancels the running execution (n8n's Stop button / execution timeout) after this many ms. */
	cancelAfterMs?: number;
	/**
	 * After cancelling, how long to wait for the engine to wind down (node reacting to its abort
	 * signal) before returning anyway. Default 5000. `result.settledAfterCancel` tells which happened.
	 */
	cancelGraceMs?: number;
	/**
	 * Log capture. Every call to n8n's logger (LoggerProxy from n8n-workflow and Container
	 * Logger from @n8n/backend-common, i.e. also a node's `this.logger`) is recorded into
	 * `result.logs`, whatever this is. Pass `true`/omit to just record, `'console'` to also print,
	 * or a function to be called for every line as well.
	 */
	logger?: boolean | 'console' | ((level: LogLevel, message: string, metadata?: LogMetadata) => void);
	/** Execution mode. Default 'manual' (the editor's "Execute workflow"). */
	mode?: WorkflowExecuteMode;
	/** Name of the node to start from. Default: n8n's `workflow.getStartNode()` (the trigger). */
	startNode?: string;
	/** Pinned data to use. A workflow file's own `pinData` is ignored unless you pass it here. */
	pinData?: IPinData;
	/** Merged over the workflow's settings. Default executionOrder 'v1' (what new n8n workflows use). */
	settings?: IWorkflowSettings;
	/** `$vars`. */
	variables?: Record<string, string>;
}

export interface SerializedError {
	message: string;
	name?: string;
	description?: string | null;
	/** Name of the node the error belongs to. */
	node?: string;
	itemIndex?: number;
	httpCode?: string | null;
	context?: IDataObject;
	[key: string]: unknown;
}

export interface WorkflowRunResult {
	/** Final execution status as n8n records it ('canceled' when cancelAfterMs fired). */
	status: ExecutionStatus;
	/** Status of the IRun the engine's promise resolved with (after a cancel this can differ from `status`). */
	engineStatus: ExecutionStatus;
	/** Top-level workflow error (run.data.resultData.error), if any. */
	error?: SerializedError;
	/** All outputs (main[0], main[1] = error output with continueErrorOutput…) of the node's last run. */
	outputs(nodeName: string): INodeExecutionData[][];
	/** json of output `outputIndex` (default 0) of the node's last run. */
	items(nodeName: string, outputIndex?: number): IDataObject[];
	/** Serialized error of the node's last run, if it failed. */
	nodeError(nodeName: string): SerializedError | undefined;
	/** Names of the nodes in execution order (one entry per node run). */
	executedNodes: string[];
	runData: IRunData;
	run: IRun;
	logs: string[];
	durationMs: number;
	/** Only set when cancelAfterMs fired: did the engine finish within cancelGraceMs? */
	settledAfterCancel?: boolean;
	/** Only set when cancelAfterMs fired: Date.now() taken inside the cancel timer, right before execution.cancel(). */
	cancelledAtMs?: number;
	/** Date.now() when the engine's promise settled (undefined if it had not within cancelGraceMs). */
	settledAtMs?: number;
}

export interface WorkflowJson {
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	name?: string;
	id?: string;
	/** Ignored by runWorkflow (use options.pinData). */
	pinData?: IPinData;
}

// ---------------------------------------------------------------------------------------------
// logging

type LineSink = (level: LogLevel, message: string, metadata?: LogMetadata) => void;
let currentSink: LineSink | undefined;

function makeCaptureLogger(): Logger {
	const log =
		(level: LogLevel) =>
		(message: string, metadata?: LogMetadata): void =>
			currentSink?.(level, message, metadata);
	const logger = {
		error: log('error'),
		warn: log('warn'),
		info: log('info'),
		debug: log('debug'),
		scoped: () => logger,
	};
	return logger as unknown as Logger;
}

const captureLogger = makeCaptureLogger();

/**
 * Route both of n8n's loggers into the capture logger. Done at import time so that no code
 * path instantiates the real winston Logger first (it would print to the console and some
 * services cache the instance they got). Re-applied per run in case a test replaced them.
 */
function installLogging(): void {
	LoggerProxy.init(captureLogger);
	// n8n-core resolves `Container.get(Logger)` lazily (node `this.logger`, ErrorReporter, ...).
	Container.set(Logger, captureLogger);
}
installLogging();

/** JSON that keeps Error message/stack/own props and survives cycles. */
export function safeJson(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, v: unknown) => {
		if (typeof v === 'bigint') return v.toString();
		if (v instanceof Error) {
			const plain: Record<string, unknown> = { name: v.name, message: v.message, stack: v.stack };
			for (const k of Object.keys(v)) plain[k] = (v as unknown as Record<string, unknown>)[k];
			v = plain;
		}
		if (v !== null && typeof v === 'object') {
			if (seen.has(v)) return '[Circular]';
			seen.add(v);
		}
		return v;
	});
}

function formatLine(level: LogLevel, message: string, metadata?: LogMetadata): string {
	const meta = metadata && Object.keys(metadata).length ? ` ${safeJson(metadata)}` : '';
	return `${level}: ${message}${meta}`;
}

// ---------------------------------------------------------------------------------------------
// errors

function serializeError(error: unknown): SerializedError | undefined {
	if (error === undefined || error === null) return undefined;
	const e = JSON.parse(safeJson(error)) as Record<string, unknown>;
	const out: SerializedError = { ...e, message: String(e.message ?? '') };
	// n8n stores the whole INode on NodeError; tests want its name.
	const node = e.node as { name?: string } | string | undefined;
	out.node = typeof node === 'object' && node !== null ? node.name : node;
	const context = (e.context ?? undefined) as IDataObject | undefined;
	const itemIndex = e.itemIndex ?? context?.itemIndex;
	if (typeof itemIndex === 'number') out.itemIndex = itemIndex;
	return out;
}

// ---------------------------------------------------------------------------------------------

function loadWorkflow(source: WorkflowJson | string): WorkflowJson {
	const wf =
		typeof source === 'string' ? (JSON.parse(readFileSync(source, 'utf8')) as WorkflowJson) : source;
	if (!Array.isArray(wf.nodes) || typeof wf.connections !== 'object') {
		throw new Error('runWorkflow: workflow must have `nodes` and `connections`');
	}
	// Never let a run mutate the caller's object (n8n mutates node data, e.g. disables resumed nodes).
	return JSON.parse(JSON.stringify(wf)) as WorkflowJson;
}

let executionCounter = 0;

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((r) => (resolve = r));
	return { promise, resolve };
}

export async function runWorkflow(
	source: WorkflowJson | string,
	options: RunWorkflowOptions,
): Promise<WorkflowRunResult> {
	const started = Date.now();
	const wfJson = loadWorkflow(source);
	const mode: WorkflowExecuteMode = options.mode ?? 'manual';
	const executionId = String(++executionCounter);

	const nodeTypes = new TestNodeTypes({ ...builtinNodeTypes, ...options.nodeTypes });
	const credentialsHelper = new TestCredentialsHelper(
		{ ...(options.credentialTypes ?? {}) },
		{ ...(options.credentials ?? {}) },
	);

	const nodes = wfJson.nodes.map((node, i) => ({
		...node,
		id: node.id ?? `node-${i}`,
		typeVersion: node.typeVersion ?? 1,
		position: node.position ?? [i * 200, 0],
		parameters: node.parameters ?? {},
	})) as INode[];
	const settings: IWorkflowSettings = { executionOrder: 'v1', ...wfJson.settings, ...options.settings };
	const workflowId = String(wfJson.id ?? 'test-workflow');
	const workflowData: IWorkflowBase = {
		id: workflowId,
		name: String(wfJson.name ?? 'Test workflow'),
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections: wfJson.connections,
		settings,
	};
	const workflow = new Workflow({
		id: workflowId,
		name: workflowData.name,
		nodes,
		connections: wfJson.connections,
		active: false,
		nodeTypes,
		settings,
		staticData: {},
	});

	const logs: string[] = [];
	const userLogger = options.logger;
	installLogging();
	currentSink = (level, message, metadata) => {
		logs.push(formatLine(level, message, metadata));
		if (userLogger === 'console') console.log(formatLine(level, message, metadata));
		else if (typeof userLogger === 'function') userLogger(level, message, metadata);
	};

	const { additionalData, hooks } = createAdditionalData({
		credentialsHelper,
		mode,
		executionId,
		workflowData,
		variables: options.variables,
	});
	const executedNodes: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executedNodes.push(nodeName);
	});
	// n8n's CLI takes the execution's final state from this hook. On cancel it fires at once
	// (from WorkflowExecute's onCancel) with status 'canceled'; the engine's promise only
	// resolves once the running node returns.
	const afterHook = deferred<IRun>();
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => {
		afterHook.resolve(fullRunData);
	});

	let startNode: INode | undefined;
	if (options.startNode) {
		startNode = workflow.getNode(options.startNode) ?? undefined;
		if (!startNode) throw new Error(`runWorkflow: start node "${options.startNode}" not found`);
	}

	let cancelTimer: NodeJS.Timeout | undefined;
	let canceledRun: IRun | undefined;
	let settledAfterCancel: boolean | undefined;
	let cancelledAtMs: number | undefined;
	let settledAtMs: number | undefined;
	try {
		const workflowExecute = new WorkflowExecute(additionalData, mode);
		const execution = workflowExecute.run({ workflow, startNode, pinData: options.pinData });
		// Timing tests measure from the cancel itself to this moment, not from before the setup.
		execution.then(
			() => (settledAtMs = Date.now()),
			() => (settledAtMs = Date.now()),
		);

		let finalRun: IRun;
		if (options.cancelAfterMs === undefined) {
			finalRun = await execution;
		} else {
			const canceled = deferred<void>();
			cancelTimer = setTimeout(() => {
				cancelledAtMs = Date.now();
				execution.cancel();
				canceled.resolve();
			}, options.cancelAfterMs);
			const outcome = await Promise.race([
				execution.then((run) => ({ kind: 'done' as const, run })),
				canceled.promise.then(() => ({ kind: 'canceled' as const })),
			]);
			if (outcome.kind === 'done') {
				finalRun = outcome.run;
			} else {
				canceledRun = await afterHook.promise;
				let graceTimer: NodeJS.Timeout | undefined;
				const grace = new Promise<undefined>((resolve) => {
					graceTimer = setTimeout(() => resolve(undefined), options.cancelGraceMs ?? 5000);
				});
				const settled = await Promise.race([execution, grace]);
				clearTimeout(graceTimer);
				settledAfterCancel = settled !== undefined;
				finalRun = settled ?? canceledRun;
			}
		}

		const run = finalRun;
		const runData = run.data.resultData.runData;
		const lastTask = (nodeName: string) => {
			const tasks = runData[nodeName];
			if (!tasks?.length) {
				throw new Error(
					`Node "${nodeName}" did not run (ran: ${Object.keys(runData).join(', ') || 'none'})`,
				);
			}
			return tasks[tasks.length - 1];
		};
		const outputs = (nodeName: string): INodeExecutionData[][] =>
			(lastTask(nodeName).data?.main ?? []).map((o) => o ?? []);

		const status: ExecutionStatus = canceledRun ? canceledRun.status : run.status;
		return {
			status,
			engineStatus: run.status,
			error: serializeError(run.data.resultData.error),
			outputs,
			items: (nodeName, outputIndex = 0) => (outputs(nodeName)[outputIndex] ?? []).map((i) => i.json),
			nodeError: (nodeName) => serializeError(runData[nodeName]?.at(-1)?.error),
			executedNodes,
			runData,
			run,
			logs,
			durationMs: Date.now() - started,
			settledAfterCancel,
			cancelledAtMs,
			settledAtMs,
		};
	} finally {
		clearTimeout(cancelTimer);
		currentSink = undefined;
	}
}

/**
 * Every place where one of `secrets` appears in the run: output json (incl. binary metadata),
 * errors (workflow and node: message/description/context/...), logs, and the whole runData.
 * Returns human-readable locations like `items[Node#0][0][1]: ...`; empty array = clean.
 */
export function secretsScan(result: WorkflowRunResult, secrets: string[]): string[] {
	const found: string[] = [];
	const needles = secrets.filter((s) => typeof s === 'string' && s.length > 0);
	const check = (where: string, text: string | undefined) => {
		if (!text) return;
		for (const secret of needles) {
			if (text.includes(secret)) {
				const at = text.indexOf(secret);
				const snippet = text.slice(Math.max(0, at - 40), at + secret.length + 40);
				found.push(`${where}: secret #${secrets.indexOf(secret)} in …${snippet}…`);
			}
		}
	};

	for (const [nodeName, tasks] of Object.entries(result.runData)) {
		tasks.forEach((task, runIndex) => {
			for (const [connType, outs] of Object.entries(task.data ?? {})) {
				(outs ?? []).forEach((items, outputIndex) => {
					(items ?? []).forEach((item, itemIndex) => {
						check(
							`output ${nodeName}#${runIndex} ${connType}[${outputIndex}][${itemIndex}]`,
							safeJson({ json: item.json, binary: item.binary, error: item.error }),
						);
					});
				});
			}
			if (task.error) {
				const e = serializeError(task.error);
				check(`nodeError ${nodeName}#${runIndex} message`, e?.message);
				check(`nodeError ${nodeName}#${runIndex} description`, e?.description ?? undefined);
				check(`nodeError ${nodeName}#${runIndex} context`, safeJson(e?.context));
				check(`nodeError ${nodeName}#${runIndex} (whole)`, safeJson(task.error));
			}
		});
	}
	if (result.error) {
		check('workflow error message', result.error.message);
		check('workflow error description', result.error.description ?? undefined);
		check('workflow error context', safeJson(result.error.context));
		check('workflow error (whole)', safeJson(result.run.data.resultData.error));
	}
	result.logs.forEach((line, i) => check(`logs[${i}]`, line));
	check('runData JSON', safeJson(result.runData));
	const { resultData, ...rest } = result.run.data;
	check('execution data JSON (outside runData)', safeJson({ ...rest, resultData: { ...resultData, runData: undefined } }));
	return found;
}
