import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import type { z, ZodTypeAny } from 'zod';

import type { Pagination } from '../schemas';
import { CREDENTIAL_TYPE } from '../shared/constants';
import {
	credentialSecrets,
	getBaseUrl,
	JSON_TIMEOUT_MS,
	MAX_JSON_BYTES,
	TRANSFER_TIMEOUT_MS,
	type ApiContext,
} from './context';
import { shapeError, type RequestSubject } from './errors';
import { encodeMultipart, type MultipartPart } from './multipart';
import { parseBody, readBody, unwrapEnvelope } from './response';
import type { RetryPolicy } from './retry';
import { sendWithRetry } from './send';

export interface ApiRequest<S extends ZodTypeAny> {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. `/process/<id>`. */
	path: string;
	qs?: IDataObject;
	/** JSON body. */
	body?: IDataObject;
	/** Multipart body, sent in the order given. */
	multipart?: MultipartPart[];
	/** Shape of the answer's payload (after the `data` envelope is removed). */
	schema: S;
	/** Names the thing asked for in a 404 message, e.g. `Process 69a6…`. */
	subject?: string;
	timeoutMs?: number;
	signal?: AbortSignal;
	retry?: Partial<RetryPolicy>;
	/** What a 422 means in words for this request (see RequestSubject). */
	refusal?: RequestSubject['refusal'];
}

export interface ApiResult<T> {
	data: T;
	pagination?: Pagination;
	/** Time spent waiting out rate limits (429) before the answer came. */
	rateLimitedMs: number;
}

/** Every call to the AI HomeDesign API goes through here: auth, envelope, validation, errors, retries. */
export async function apiRequest<S extends ZodTypeAny>(
	this: ApiContext,
	request: ApiRequest<S>,
): Promise<ApiResult<z.output<S>>> {
	const baseUrl = await getBaseUrl.call(this);
	const url = `${baseUrl}${request.path}`;
	const timeout = request.timeoutMs ?? (request.multipart ? TRANSFER_TIMEOUT_MS : JSON_TIMEOUT_MS);
	const signal = request.signal ?? executionCancelSignal(this);
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		qs: request.qs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// The body is read here, as a stream, so that its size is capped and its deadline holds.
		encoding: 'stream',
		timeout,
		// The key goes to the Base URL's origin only: a redirect is an error (see sendWithRetry).
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		headers: { accept: 'application/json' },
	};
	if (request.multipart) {
		const { body, contentType } = encodeMultipart(request.multipart);
		options.body = body;
		options.headers = { ...options.headers, 'content-type': contentType };
	} else if (request.body) {
		options.body = request.body;
		options.json = true;
	}
	const subject: RequestSubject & { url: string } = {
		method: request.method,
		path: request.path,
		subject: request.subject,
		url,
		baseUrl,
		secrets: credentialSecrets(this),
		refusal: request.refusal,
	};
	const node = this.getNode();
	const { value, rateLimitedMs } = await sendWithRetry(
		this,
		async (attemptSignal) =>
			(await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
				...options,
				abortSignal: attemptSignal,
			})) as IN8nHttpFullResponse,
		async (response, attemptSignal) => {
			const body = await readBody(response.body, MAX_JSON_BYTES, attemptSignal);
			const { payload, pagination } = unwrapEnvelope(parseBody(body));
			const parsed = request.schema.safeParse(payload);
			if (!parsed.success) return { ok: false, error: shapeError(node, parsed.error, subject) };
			return { ok: true, value: { data: parsed.data as z.output<S>, pagination } };
		},
		subject,
		{ signal, retry: request.retry, attemptDeadlineMs: timeout },
	);
	return { ...value, rateLimitedMs };
}

/** The execution's cancel signal, where the context has one (executions; not dropdowns or hooks). */
export function executionCancelSignal(context: ApiContext): AbortSignal | undefined {
	const withSignal = context as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return typeof withSignal.getExecutionCancelSignal === 'function'
		? withSignal.getExecutionCancelSignal()
		: undefined;
}
