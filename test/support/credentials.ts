import { AiHomeDesignApi } from '../../credentials/AiHomeDesignApi.credentials';
import { DEFAULT_API_KEY } from '../simulator/api-key';

const credential = new AiHomeDesignApi();

/** The credential type both nodes ask n8n for. */
export const CREDENTIAL_TYPE = credential.name;

/** The credential's generic auth block, which n8n applies to every authenticated request. */
export const AUTHENTICATE = credential.authenticate;

/** The key and base URL of the credential saved in tests that fake the API; the key is the simulator's default. */
export const TEST_API_KEY = DEFAULT_API_KEY;
export const TEST_BASE_URL = 'https://api.aihomedesign.test/v3';
