import type { IDataObject, ILoadOptionsFunctions, INode } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../credentials';
import type { ApiAccessOptions } from './api-access';
import { executeContext } from './execute';
import { TEST_NODE } from './nodes';
import { readParameter } from './params';

export interface LoadOptionsContextOptions extends ApiAccessOptions {
	/** The node's parameters as the editor has them now (getCurrentNodeParameter). */
	current?: IDataObject;
	/** Default TEST_NODE. */
	node?: INode;
}

/**
 * An ILoadOptionsFunctions as n8n builds one for a dropdown or a list search: the node carries the
 * credential the editor attached, or none (`noCredential`: a node just added, before the editor
 * attached one; n8n then throws on getCredentials, as the fake does).
 */
export function loadOptionsContext(options: LoadOptionsContextOptions): ILoadOptionsFunctions {
	const base = options.node ?? TEST_NODE;
	const node: INode = options.noCredential
		? { ...base, credentials: undefined }
		: {
				...base,
				credentials: { [CREDENTIAL_TYPE]: { id: 'credential-1', name: 'AI HomeDesign account' } },
			};
	const context = executeContext({ ...options, node, params: {} });
	return {
		...context,
		getNode: () => node,
		getCurrentNodeParameter: (path: string) => readParameter(options.current ?? {}, path),
		getCurrentNodeParameters: () => options.current ?? {},
	} as unknown as ILoadOptionsFunctions;
}
