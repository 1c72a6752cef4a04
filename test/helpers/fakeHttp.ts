export * from '../support/http/fake-http';
