/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
import path from 'node:path';

/** The repository's root folder (this file is test/support/repo.ts). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
