export * from '../support/n8n-context/execute';
