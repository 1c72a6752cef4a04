import type { IDataObject } from 'n8n-workflow';

/**
 * The workflow's saved static data, as n8n keeps it in its database: every execution gets its own
 * copy. What webhook() changes is dropped by default, as n8n 2.41 does (it reloads static data from
 * the database before a webhook-started execution). `persistWebhookWrites` models a host that saves
 * an execution's copy when it ends instead (so concurrent executions: the last one to end wins).
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
