import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import type { z, ZodTypeAny } from 'zod';

import type { Pagination } from '../schemas';
import { CREDENTIAL_TYPE } from '../shared/constants';
import { getBaseUrl, JSON_TIMEOUT_MS, TRANSFER_TIMEOUT_MS, type ApiContext } from './context';
import { shapeError, type RequestSubject } from './errors';
import { encodeMultipart, type MultipartPart } from './multipart';
import { parseBody, unwrapEnvelope } from './response';
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
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		qs: request.qs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs ?? (request.multipart ? TRANSFER_TIMEOUT_MS : JSON_TIMEOUT_MS),
		abortSignal: request.signal,
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
	};
	const node = this.getNode();
	const { value, rateLimitedMs } = await sendWithRetry(
		this,
		async () =>
			(await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				options,
			)) as IN8nHttpFullResponse,
		(response) => {
			const { payload, pagination } = unwrapEnvelope(parseBody(response.body));
			const parsed = request.schema.safeParse(payload);
			if (!parsed.success) return { ok: false, error: shapeError(node, parsed.error, subject) };
			return { ok: true, value: { data: parsed.data as z.output<S>, pagination } };
		},
		subject,
		request,
	);
	return { ...value, rateLimitedMs };
}
