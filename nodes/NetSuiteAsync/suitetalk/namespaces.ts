export const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export function messagesNamespace(apiVersion: string): string {
	return `urn:messages_${apiVersion}.platform.webservices.netsuite.com`;
}

export function coreNamespace(apiVersion: string): string {
	return `urn:core_${apiVersion}.platform.webservices.netsuite.com`;
}

const MESSAGES_NS_VERSION = /^urn:messages_(\d{4}_\d)\.platform\.webservices\.netsuite\.com$/;

export function versionOfMessagesNamespace(namespace: string | null | undefined): string | undefined {
	return namespace ? MESSAGES_NS_VERSION.exec(namespace)?.[1] : undefined;
}
