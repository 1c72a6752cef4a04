/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test infrastructure, never shipped */
/** The one real-time `sleep` of the test code (node code sleeps through n8n-workflow's `sleep` and the clock). */
export const sleep = async (ms: number): Promise<void> =>
	await new Promise((resolve) => setTimeout(resolve, ms));
