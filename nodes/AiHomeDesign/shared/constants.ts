/** The credential both nodes authenticate with. */
export const CREDENTIAL_TYPE = 'aiHomeDesignApi';

/** The credential that holds the trigger's URL secret. */
export const WEBHOOK_SECRET_CREDENTIAL = 'aiHomeDesignWebhookApi';

/** The live V3 API: the credential's default Base URL. */
export const DEFAULT_BASE_URL = 'https://api.aihomedesign.com/v3';

/** The public tool catalog, served beside the live API (no key needed). */
export const LIVE_CATALOG_URL = 'https://app.aihomedesign.com/api/tools';

/** The only event the platform delivers to a webhook endpoint. */
export const PROCESS_COMPLETED_EVENT = 'process.completed';

/** The platform allows one status request per process every 5 seconds. */
export const MIN_POLL_INTERVAL_MS = 5000;
export const MIN_POLL_INTERVAL_SECONDS = MIN_POLL_INTERVAL_MS / 1000;

/** How long an operation waits for a process unless the user says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 900;

/** Over one window (10 minutes), so a batch of any size keeps to the platform's pace without failing. */
export const DEFAULT_QUEUE_MINUTES = 15;
