/**
 * Jest global teardown: stops what ./global-setup.ts started for this run and nothing else
 * (see there for KEEP_TEST_SERVERS and for runs sharing the local processes).
 */
export { releaseProvidedServers as default } from './global-setup';
