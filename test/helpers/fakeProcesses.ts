export * from '../support/http/fake-processes';
