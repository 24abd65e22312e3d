import { classifyResponse } from '../../nodes/NetSuiteAsync/suitetalk/classifyResponse';
import { parseXml, XmlParseError } from '../../nodes/NetSuiteAsync/suitetalk/xml';

const ENVELOPE_START =
	'<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><getAsyncResultResponse>';
const ENVELOPE_END = '</getAsyncResultResponse></soapenv:Body></soapenv:Envelope>';

function kindOf(body: string): string | undefined {
	try {
		parseXml(body);
		return undefined;
	} catch (error) {
		return error instanceof XmlParseError ? error.kind : 'not an XmlParseError';
	}
}

describe('parse errors carry a typed kind (review D4)', () => {
	it('names each way a body is refused', () => {
		expect(kindOf('<!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>')).toBe('doctype');
		expect(kindOf(`${ENVELOPE_START}<memo>cut`)).toBe('not-well-formed');
		expect(kindOf(`${ENVELOPE_START}${'<a>'.repeat(120)}x${'</a>'.repeat(120)}${ENVELOPE_END}`)).toBe('refused-by-parser');
		expect(kindOf(`${ENVELOPE_START}<constructor>1</constructor>${ENVELOPE_END}`)).toBe('refused-by-parser');
	});

	it('a cut-off answer whose text mentions DOCTYPE is a malformed body, not a DOCTYPE', () => {
		const body = `${ENVELOPE_START}<memo>see DOCTYPE notes</memo><cut`;
		expect(classifyResponse(200, body)).toMatchObject({ kind: 'transport', problem: { code: 'MALFORMED_XML', retryable: true } });
	});

	it('a complete answer the parser refuses is final: nesting beyond 100 levels and reserved element names', () => {
		const nested = `${ENVELOPE_START}${'<a>'.repeat(120)}x${'</a>'.repeat(120)}${ENVELOPE_END}`;
		expect(classifyResponse(200, nested)).toMatchObject({
			kind: 'transport',
			problem: { code: 'XML_REFUSED', retryable: false, httpStatus: 200 },
		});
		const reserved = `${ENVELOPE_START}<__proto__>1</__proto__>${ENVELOPE_END}`;
		expect(classifyResponse(200, reserved)).toMatchObject({ kind: 'transport', problem: { code: 'XML_REFUSED', retryable: false } });
	});

	it('a DOCTYPE stays refused and final', () => {
		expect(classifyResponse(200, '<?xml version="1.0"?><!DOCTYPE r><r/>')).toMatchObject({
			kind: 'transport',
			problem: { code: 'DOCTYPE_REFUSED', retryable: false },
		});
	});
});
