import { AiHomeDesignApi } from '../../credentials/AiHomeDesignApi.credentials';

const credential = new AiHomeDesignApi();

/** The credential type both nodes ask n8n for. */
export const CREDENTIAL_TYPE = credential.name;

/** The credential's generic auth block, which n8n applies to every authenticated request. */
export const AUTHENTICATE = credential.authenticate;

/** The key and base URL of the credential saved in tests that fake the API (the simulator's default key too). */
export const TEST_API_KEY = 'test-api-key';
export const TEST_BASE_URL = 'https://api.aihomedesign.test/v3';
