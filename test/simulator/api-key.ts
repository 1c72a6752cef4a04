/**
 * The simulator's one valid key unless told otherwise. Tests that fake the API save their credential
 * with it (test/support/credentials.ts reads it from here, never the reverse: the simulator imports
 * nothing that leads to nodes/ or credentials/).
 */
export const DEFAULT_API_KEY = 'test-api-key';
