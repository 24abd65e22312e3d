/** A credential that cannot sign: found before any request, its message names the field and how to fix it. */
export class InvalidCredentialError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidCredentialError';
	}
}
