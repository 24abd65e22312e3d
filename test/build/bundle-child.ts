/**
 * Child process of selfContained.test.ts (run with `node --import tsx`): loads the BUILT node and
 * credential from a package folder where only n8n-workflow is installed, records every module the
 * bundles ask for, then runs Check Async Status through n8n's engine against the parent's simulator.
 */
import Module from 'module';
import { dirname, join } from 'path';
import type { ICredentialDataDecryptedObject, ICredentialType, INodeType } from 'n8n-workflow';

export interface ChildInput {
	packageDir: string;
	credentials: ICredentialDataDecryptedObject;
	jobId: string;
}

export interface ChildOutput {
	/** Every `require()` made by a file of the package, as written (built-ins and n8n-workflow expected). */
	requestsFromPackage: string[];
	/** Whether each of these modules can be found from the package's files. */
	resolvable: Record<string, boolean>;
	credentialName: string;
	/** `name` of every credential the manifest lists, each loaded as n8n does: the class named like its file. */
	manifestCredentialNames: string[];
	nodeName: string;
	status: string;
	items: unknown[];
	error?: string;
}

const LIBRARIES = ['n8n-workflow', 'xmlbuilder2', 'fast-xml-parser', '@oozcitak/dom', 'js-yaml'];

async function main(input: ChildInput): Promise<ChildOutput> {
	const requestsFromPackage = new Set<string>();
	const moduleProto = Module.prototype as unknown as { require(this: NodeJS.Module, id: string): unknown };
	const originalRequire = moduleProto.require;
	moduleProto.require = function (this: NodeJS.Module, id: string) {
		if (this.filename.startsWith(input.packageDir)) requestsFromPackage.add(id);
		return originalRequire.call(this, id);
	};

	const manifest = require(join(input.packageDir, 'package.json')) as { n8n: { nodes: string[]; credentials: string[] } };
	const nodeFile = join(input.packageDir, manifest.n8n.nodes[0]);
	const credentialFile = join(input.packageDir, manifest.n8n.credentials[0]);
	const { NetSuiteAsync } = require(nodeFile) as { NetSuiteAsync: new () => INodeType };
	const { NetSuiteTbaApi } = require(credentialFile) as { NetSuiteTbaApi: new () => ICredentialType };

	const manifestCredentialNames = manifest.n8n.credentials.map((built) => {
		const className = built.split('/').pop()!.replace(/\.credentials\.js$/, '');
		const exported = (require(join(input.packageDir, built)) as Record<string, new () => ICredentialType>)[className];
		return new exported().name;
	});

	const resolvable: Record<string, boolean> = {};
	for (const library of LIBRARIES) {
		try {
			require.resolve(library, { paths: [dirname(nodeFile)] });
			resolvable[library] = true;
		} catch {
			resolvable[library] = false;
		}
	}

	// n8n's engine (the host, as n8n is) is loaded only now, from the repository.
	const { chainWorkflow, ITEMS_TYPE, runWorkflow } = await import('../harness');
	const node = new NetSuiteAsync();
	const credential = new NetSuiteTbaApi();
	const nodeType = `n8n-nodes-netsuite-async.${node.description.name}`;
	const workflow = chainWorkflow(
		{ name: 'Items', type: ITEMS_TYPE, parameters: { items: JSON.stringify([{ jobId: input.jobId }]) } },
		{
			name: 'NetSuite Async',
			type: nodeType,
			parameters: { operation: 'checkAsyncStatus' },
			credentials: { [credential.name]: { id: '1', name: 'NetSuite simulator' } },
		},
	);
	const result = await runWorkflow(workflow, {
		nodeTypes: { [nodeType]: node },
		credentialTypes: { [credential.name]: credential },
		credentials: { [credential.name]: input.credentials },
	});
	return {
		requestsFromPackage: [...requestsFromPackage].sort(),
		resolvable,
		credentialName: credential.name,
		manifestCredentialNames,
		nodeName: node.description.name,
		status: result.status,
		items: result.outputs('NetSuite Async')[0] ?? [],
		error: result.error?.message,
	};
}

process.once('message', (input: ChildInput) => {
	main(input).then(
		(output) => process.send!(output, () => process.exit(0)),
		(error: unknown) => process.send!({ error: error instanceof Error ? error.stack : String(error) }, () => process.exit(1)),
	);
});
