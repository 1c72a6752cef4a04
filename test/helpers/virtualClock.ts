export * from '../support/time/package-clock';
