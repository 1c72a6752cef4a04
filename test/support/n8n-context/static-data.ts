import type { IDataObject } from 'n8n-workflow';

/**
 * The workflow's saved static data, as n8n keeps it in its database: every delivery gets its own
 * copy. By default what webhook() changes is not saved; `persistWebhookWrites` saves a delivery's
 * copy once it started an execution, as n8n 2.41 does (a whole-object write: of overlapping
 * deliveries, the last one to save wins). The trigger's webhook() no longer touches static data.
 */
export class StaticDataStore {
	saved: IDataObject = {};

	constructor(readonly persistWebhookWrites = false) {}

	load(): IDataObject {
		return JSON.parse(JSON.stringify(this.saved)) as IDataObject;
	}

	save(data: IDataObject): void {
		this.saved = JSON.parse(JSON.stringify(data)) as IDataObject;
	}
}
