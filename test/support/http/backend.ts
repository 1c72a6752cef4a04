import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INode } from 'n8n-workflow';

/** The `this` n8n's authenticated helper reads the saved credential from: the node's context. */
export interface CredentialSource {
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
}

/** The two request helpers of n8n's that the package's transport calls. */
export interface NodeHttpHelpers {
	httpRequest(options: IHttpRequestOptions): Promise<unknown>;
	httpRequestWithAuthentication(
		this: CredentialSource,
		credentialType: string,
		options: IHttpRequestOptions,
	): Promise<unknown>;
}

/** Where a test context's HTTP goes: the fake route table (FakeHttp) or n8n-core's real helpers. */
export interface HttpBackend {
	helpersFor(node: INode): NodeHttpHelpers;
}
