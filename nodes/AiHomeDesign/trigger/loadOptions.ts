import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { TOOL_DEFINITIONS } from '../helpers/tools';
import { getTools, toolOptions } from '../methods/loadOptions';

/**
 * The tools for the Tools filter: the live catalog when it can be read (it takes its address
 * from the credential), else the tools this package knows. The trigger needs a credential only
 * for Verify with API, so without one the dropdown still fills.
 */
export async function getTriggerTools(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	try {
		return await getTools.call(this);
	} catch (error) {
		this.logger.debug(
			`AI HomeDesign Trigger: tool catalog unavailable (${(error as Error).message}); offering the known tools`,
		);
		return toolOptions(TOOL_DEFINITIONS);
	}
}
