import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/constants';

/**
 * Whether the node has an AI HomeDesign credential attached. The editor asks for a node's lists
 * as soon as the node is added, before it attaches the credential; asking n8n for the credential
 * then throws "Node does not have any credentials set" (n8n checks the same field).
 */
export function hasCredential(context: ILoadOptionsFunctions): boolean {
	return Boolean(context.getNode().credentials?.[CREDENTIAL_TYPE]);
}
