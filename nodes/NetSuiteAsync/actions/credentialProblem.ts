/** Why the credential could not be read; each item turns it into its own error (with its own itemIndex). */
export class CredentialProblem {
	constructor(readonly cause: unknown) {}
}
