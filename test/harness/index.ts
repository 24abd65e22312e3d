export {
	runWorkflow,
	secretsScan,
	safeJson,
	type RunWorkflowOptions,
	type WorkflowRunResult,
	type SerializedError,
	type WorkflowJson,
} from './run-workflow';
export {
	manualTriggerNodeType,
	itemsNodeType,
	builtinNodeTypes,
	MANUAL_TRIGGER_TYPE,
	ITEMS_TYPE,
} from './test-nodes';
export { chainWorkflow, connect, type NodeSpec, type BuiltWorkflow } from './build-workflow';
export { TestNodeTypes } from './node-types';
export { TestCredentialsHelper } from './credentials-helper';
export { createAdditionalData, TEST_BASE_URL } from './additional-data';
export { startLocalServer, type LocalServer, type RecordedRequest, type LocalHandler } from './local-server';
