import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import type {
	ICredentialsHelper,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

export const TEST_BASE_URL = 'http://localhost:5678/';

export interface AdditionalDataOptions {
	credentialsHelper: ICredentialsHelper;
	mode: WorkflowExecuteMode;
	executionId: string;
	workflowData: IWorkflowBase;
	variables?: Record<string, string>;
}

/**
 * The `additionalData` n8n's CLI builds in `getBase()` (workflow-execute-additional-data.ts),
 * reduced to what n8n-core's execution engine and node contexts read. Everything that would
 * need the CLI (sub-workflows, task runners, agents) throws a clear error instead.
 */
export function createAdditionalData(options: AdditionalDataOptions): {
	additionalData: IWorkflowExecuteAdditionalData;
	hooks: ExecutionLifecycleHooks;
} {
	// WorkflowExecute asserts `additionalData.hooks` exists (setupExecution).
	const hooks = new ExecutionLifecycleHooks(options.mode, options.executionId, options.workflowData);
	const notSupported = (what: string) => async () => {
		throw new UnexpectedError(`${what} is not supported by the test harness`);
	};
	const url = (path: string) => `${TEST_BASE_URL}${path}`;

	const additionalData: IWorkflowExecuteAdditionalData = {
		hooks,
		credentialsHelper: options.credentialsHelper,
		executionId: options.executionId,
		workflowId: options.workflowData.id,
		userId: 'test-user-id',
		projectId: 'test-project-id',
		currentNodeExecutionIndex: 0,
		variables: options.variables ?? {},
		restApiUrl: url('rest'),
		instanceBaseUrl: TEST_BASE_URL,
		formBaseUrl: url('form'),
		formWaitingBaseUrl: url('form-waiting'),
		formTestBaseUrl: url('form-test'),
		webhookBaseUrl: url('webhook'),
		webhookWaitingBaseUrl: url('webhook-waiting'),
		webhookTestBaseUrl: url('webhook-test'),
		mcpBaseUrl: url('mcp'),
		mcpTestBaseUrl: url('mcp-test'),
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: notSupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: notSupported('startRunnerTask (Code node task runner)'),
		logAiEvent: () => {},
	};
	return { additionalData, hooks };
}
