import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	INodeParameters,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { getAdditionalKeys } from 'n8n-core';
import { deepCopy, ICredentials, ICredentialsHelper, isExpression, NodeHelpers, UnexpectedError } from 'n8n-workflow';

/**
 * In-memory `ICredentialsHelper`. Credential data is keyed by credential TYPE name
 * (a node's `credentials: { netSuiteTbaApi: { id, name } }` resolves to `data.netSuiteTbaApi`).
 * `authenticate` follows n8n's CLI CredentialsHelper (packages/cli/src/credentials-helper.ts):
 * function → called with (credentials, requestOptions); `{ type: 'generic' }` → properties
 * resolved as expressions with `$credentials` and merged into the request.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	private getType(typeName: string): ICredentialType {
		const type = this.credentialTypes[typeName];
		if (!type) {
			throw new UnexpectedError(
				`Unknown credential type "${typeName}" (registered: ${Object.keys(this.credentialTypes).join(', ')})`,
			);
		}
		return type;
	}

	getParentTypes(_name: string): string[] {
		return [];
	}

	isCredentialUsableByNode(_credentialType: string, _nodeType: string): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.getType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (typeof authenticate === 'object' && authenticate.type === 'generic') {
			requestOptions.headers ??= {};
			const resolve = (value: string): string => {
				if (!isExpression(value)) return value;
				if (!workflow || !node) {
					throw new UnexpectedError('Workflow and node are required for declarative credential authentication');
				}
				const resolved = workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				);
				return resolved ? String(resolved) : '';
			};
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					target[outerKey] ??= {};
					target[outerKey][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		// n8n persists the refreshed token; keep it in memory for the rest of the run.
		this.data[typeName] = { ...this.data[typeName], ...output };
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return ((await type.preAuthentication.call(helpers, credentials)) ?? undefined) as
			| ICredentialDataDecryptedObject
			| undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new InMemoryCredentials(nodeCredentials, type, this.data);
	}

	/**
	 * Like the CLI: stored data → credential property defaults applied and fields that are not
	 * (displayed) properties dropped (`NodeHelpers.getNodeParameters`) → `={{…}}` expressions
	 * resolved. `raw === true` returns the stored data as is.
	 */
	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		// Fresh copy per call: a node mutating its credentials object must not leak into later calls.
		const stored = deepCopy(this.lookup(nodeCredentials, type)) as ICredentialDataDecryptedObject;
		if (raw === true) return stored;

		let data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			stored as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (stored.oauthTokenData !== undefined) data.oauthTokenData = stored.oauthTokenData;

		if (expressionResolveValues) {
			try {
				data = expressionResolveValues.workflow.expression.getParameterValue(
					data as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					getAdditionalKeys(additionalData, mode, null, { isCredential: true }),
					executeData,
					false,
					data,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				(e as Error).message += ' [Error resolving credentials]';
				throw e;
			}
		}
		return data;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.data[type] = data;
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.data[type] = { ...this.data[type], ...data };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.getType(type);
		if (!credentialType.extends) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			if (this.credentialTypes[parent]) {
				NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
			}
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	private lookup(nodeCredentials: INodeCredentialsDetails, type: string): ICredentialDataDecryptedObject {
		const data = this.data[type];
		if (data === undefined) {
			// Same wording as n8n's CredentialNotFoundError.
			throw new UnexpectedError(
				`Credential with ID "${nodeCredentials.id ?? ''}" does not exist for type "${type}".`,
			);
		}
		return data;
	}
}

class InMemoryCredentials extends ICredentials {
	constructor(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		private readonly store: Record<string, ICredentialDataDecryptedObject>,
	) {
		super(nodeCredentials, type);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return deepCopy(this.store[this.type] ?? {}) as ICredentialDataDecryptedObject;
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.store[this.type]) };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.store[this.type] = data;
	}

	async updateData(toUpdate: Partial<ICredentialDataDecryptedObject>, toDelete: string[] = []): Promise<void> {
		const next = { ...this.store[this.type], ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete next[key];
		this.store[this.type] = next;
	}
}
