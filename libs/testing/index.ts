// What suites import as @osteo/testing. The Jest global setup and teardown are referenced by path
// from jest.config.js only: they are not for suites to call.
export { eventStoreUrl, kafkaBrokers, mongoUrl, uniqueName } from './test-servers';
