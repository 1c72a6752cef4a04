import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { clock } from '../shared/clock';

/**
 * The platform has no API to register webhooks: the user pastes the URL into the dashboard. So
 * the lifecycle only keeps a record, in the node's static data, of which URL was published when.
 * n8n saves static data after activation, so the record survives restarts.
 */
export const REGISTRATION_KEY = 'registration';

export interface Registration extends IDataObject {
	url: string | null;
	activatedAt: string;
}

function staticData(context: IHookFunctions): IDataObject {
	return context.getWorkflowStaticData('node');
}

function currentUrl(context: IHookFunctions): string | null {
	return context.getNodeWebhookUrl('default') ?? null;
}

/** True when the recorded URL is the one n8n serves now (nothing to record again). */
export function isRecorded(context: IHookFunctions): boolean {
	const record = staticData(context)[REGISTRATION_KEY] as Registration | undefined;
	return !!record && record.url === currentUrl(context);
}

export function recordUrl(context: IHookFunctions): true {
	const registration: Registration = {
		url: currentUrl(context),
		activatedAt: new Date(clock.now()).toISOString(),
	};
	staticData(context)[REGISTRATION_KEY] = registration;
	return true;
}

/** Forgets the URL; the remembered deliveries stay, so publishing again does not re-run them. */
export function forgetUrl(context: IHookFunctions): true {
	delete staticData(context)[REGISTRATION_KEY];
	return true;
}
