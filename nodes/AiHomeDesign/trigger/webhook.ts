import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { summarizeProcess, type ProcessSummary } from '../output/summary';
import { clock } from '../shared/clock';
import { DeliveryLedger, deliveryKey, triggerScope } from './dedupe';
import { acceptsLocalLinks, readDelivery } from './delivery';
import { filteredOut, readFilters } from './filters';
import { completionItems, trustedSummary } from './output';
import { ignore, RECEIVED, refuse } from './respond';
import { checkSecret } from './secret';
import { verifyOnce, verifyWithApi } from './verify';

/**
 * One delivery, start to answer. Everything is quick except Verify with API, which is bounded
 * (see `VERIFY_LIMITS`): n8n answers an `onReceived` webhook only once this returns.
 *
 * Order: secret (401) → size, type, JSON and shape (413, 415, 400) → filters and duplicates
 * (200, nothing starts) → verification (422, 409, 503) → filters and duplicates again on what
 * the API said → one execution.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = new Date(clock.now()).toISOString();

	const secret = await checkSecret(this);
	if (!secret.ok) return refuse(this, secret.refusal);

	const delivery = readDelivery(this);
	if (!delivery.ok) return refuse(this, delivery.refusal);
	const payload = delivery.value;

	const filters = readFilters(this);
	const dedupe = this.getMode() !== 'manual';
	const scope = triggerScope(this);
	const ledger = dedupe ? new DeliveryLedger(scope, clock.now()) : undefined;

	// Cheap checks on what the delivery claims, before any API call.
	const claimed = summarizeProcess(payload.process_id, payload);
	const early = filteredOut(filters, claimed);
	if (early) return ignore(this, early);
	if (ledger?.has(deliveryKey(claimed.process_id, claimed.status))) {
		return ignore(this, 'duplicate: this completion already started the workflow');
	}

	let summary: ProcessSummary = claimed;
	const verified = this.getNodeParameter('verifyWithApi', false) === true;
	if (verified) {
		// Copies arriving together share one API read; the ledger below lets one of them through.
		const check = dedupe
			? await verifyOnce(scope, this, payload.process_id)
			: await verifyWithApi(this, payload.process_id);
		if (!check.ok) return refuse(this, check.refusal);
		// Only what the API said: a field its answer lacks stays empty, never filled from the
		// delivery (which anyone who knows the URL can write).
		summary = trustedSummary(
			summarizeProcess(payload.process_id, check.value),
			acceptsLocalLinks(this),
		);
		const late = filteredOut(filters, summary);
		if (late) return ignore(this, late);
	}

	// Check and mark in one synchronous step: of two identical deliveries, one gets through. The
	// durable check (restarts, other processes) runs in the execution: see claim.ts.
	if (ledger && !ledger.claim(deliveryKey(summary.process_id, summary.status))) {
		return ignore(this, 'duplicate: this completion already started the workflow');
	}

	const options = this.getNodeParameter('options', {}) as IDataObject;
	const items = completionItems(
		this,
		{ summary, verified, receivedAt },
		options.itemPerImage === true,
	);
	return { workflowData: [items], webhookResponse: RECEIVED };
}
