export * from '../support/trigger';
