/**
 * `npm run demo`: the examples/ workflows, run by n8n's execution engine with the BUILT package
 * (dist/) against the embedded SuiteTalk simulator. Prints each poll and the output items.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject, INodeType } from 'n8n-workflow';

import { runWorkflow, type WorkflowJson } from '../test/harness';
import { seedDemoJobs } from '../test/simulator/demo-jobs';
import { startSimulator } from '../test/simulator/server';
import { httpRequestStandIn, ifStandIn, noOpStandIn, waitStandIn } from './demo/stand-in-nodes';

const root = join(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { NetSuiteAsync } = require(join(root, 'dist/nodes/NetSuiteAsync/NetSuiteAsync.node.js')) as { NetSuiteAsync: new () => INodeType };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { NetSuiteTbaApi } = require(join(root, 'dist/credentials/NetSuiteTbaApi.credentials.js')) as {
	NetSuiteTbaApi: new () => import('n8n-workflow').ICredentialType;
};

const POLL_LINE = /NetSuite async job polled (\{.*\})$/;

function printItems(title: string, items: IDataObject[]): void {
	console.log(`  ${title}: ${items.length} item${items.length === 1 ? '' : 's'}`);
	for (const item of items) console.log(`    ${JSON.stringify(item)}`);
}

async function main(): Promise<void> {
	const simulator = await startSimulator();
	const endpointUrl = simulator.endpointUrl();
	console.log(`SuiteTalk simulator listening at ${endpointUrl} (test credentials, no NetSuite involved)\n`);
	let failures = 0;
	try {
		for (const file of readdirSync(join(root, 'examples')).filter((name) => name.endsWith('.json')).sort()) {
			const workflow = JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')) as WorkflowJson & { name: string };
			for (const node of workflow.nodes) {
				// The examples point at a real account; the demo sends the same requests to the simulator.
				if (node.type === 'n8n-nodes-base.httpRequest') node.parameters.url = endpointUrl;
			}
			// Fresh jobs per example, so each wait starts from the beginning of its job's lifecycle.
			seedDemoJobs(simulator);
			console.log(`▶ ${file}: ${workflow.name}`);
			const started = Date.now();
			const result = await runWorkflow(workflow, {
				nodeTypes: {
					'n8n-nodes-netsuite-async.netSuiteAsync': new NetSuiteAsync(),
					'n8n-nodes-base.httpRequest': httpRequestStandIn,
					'n8n-nodes-base.if': ifStandIn,
					'n8n-nodes-base.noOp': noOpStandIn,
					'n8n-nodes-base.wait': waitStandIn,
				},
				credentialTypes: { netSuiteTbaApi: new NetSuiteTbaApi() },
				credentials: { netSuiteTbaApi: { ...simulator.credentials, apiVersion: '2025_2', endpointUrl } },
			});
			for (const line of result.logs) {
				const poll = POLL_LINE.exec(line);
				if (!poll) continue;
				const { jobId, status, percentCompleted, estRemainingDuration, poll: count, next } = JSON.parse(poll[1]) as IDataObject;
				console.log(`  poll ${count}: ${jobId} ${status} ${percentCompleted}% (est. ${estRemainingDuration} s left) → next: ${next}`);
			}
			for (const node of workflow.nodes) {
				if (node.type === 'n8n-nodes-base.manualTrigger' || !result.executedNodes.includes(node.name)) continue;
				result.outputs(node.name).forEach((output, index) => {
					const label = result.outputs(node.name).length > 1 ? `${node.name} [output ${index}]` : node.name;
					printItems(label, output.map((item) => item.json));
				});
			}
			console.log(`  → ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
			if (result.status !== 'success') {
				failures++;
				console.log(`  error: ${result.error?.message}`);
			}
		}
		console.log(`Simulator served ${simulator.counters.totalRequests} requests; passport failures: ${simulator.counters.authFailures.length}.`);
	} finally {
		await simulator.close();
	}
	if (failures > 0) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
