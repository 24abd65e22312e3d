import type { StatusView } from './jobs';
import { el, serializeEnvelope, textEl, type ConcretePrefixStyle, type XmlNode } from './xml-writer';

export interface ResponseContext {
	/** The endpoint version: every namespace in the response carries it. */
	version: string;
	style: ConcretePrefixStyle;
	nsId: string;
}

/** Every response, faults included, carries Header/documentInfo/nsId, as NetSuite's do. */
export function envelope(context: ResponseContext, body: XmlNode): string {
	const documentInfo = el('messages', 'documentInfo', { children: [textEl('messages', 'nsId', context.nsId)] });
	return serializeEnvelope(context.version, context.style, [documentInfo], [body]);
}

/** xsd:double the way Java prints it: 45 → "45.0", 12.5 → "12.5". */
export function formatDouble(value: number): string {
	return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

export function serverTimeResponse(serverTimeMs: number): XmlNode {
	return el('messages', 'getServerTimeResponse', {
		children: [
			el('messages', 'getServerTimeResult', {
				children: [
					el('core', 'status', { attrs: [['isSuccess', 'true']] }),
					textEl('core', 'serverTime', new Date(serverTimeMs).toISOString()),
				],
			}),
		],
	});
}

/** `<wrapper><platformCore:asyncStatusResult>`: checkAsyncStatus and every async submit answer this. */
export function asyncStatusResponse(wrapper: string, jobId: string, view: StatusView): XmlNode {
	return el('messages', wrapper, {
		children: [
			el('core', 'asyncStatusResult', {
				children: [
					textEl('core', 'jobId', jobId),
					textEl('core', 'status', view.status),
					textEl('core', 'percentCompleted', formatDouble(view.percentCompleted)),
					textEl('core', 'estRemainingDuration', formatDouble(view.estRemainingDuration)),
				],
			}),
		],
	});
}
