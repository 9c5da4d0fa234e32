/**
 * One Jest run for every kind of suite, named by what it needs (STYLE.md):
 *   *.spec.ts      pure and fast
 *   *.int-spec.ts  real servers (Kafka, FerretDB, SQLite files, SMTP)
 *   *.e2e-spec.ts  whole processes over HTTP and Kafka
 * The global setup provides the real servers (see libs/testing/global-setup.ts).
 */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/services', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/web/src'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcOptions],
    // Node 20 loads this ESM-only dependency of @fastify/static through require(esm); Jest's
    // module runtime cannot, so Jest alone gets it compiled to CommonJS.
    // The same for otplib's default plugins (@scure/base, @noble/hashes: ESM only).
    '/node_modules/(content-disposition|@scure/base|@noble/hashes)/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  // A path is left alone when any pattern matches it, so a nested copy is named from its first node_modules.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|@scure/base|@noble/hashes|@otplib/plugin-crypto-noble/node_modules/@noble/hashes)/)'],
  moduleNameMapper: {
    // The web bundle's alias for the one access policy (web/vite.config.mts).
    '^@osteo/access-policy$': '<rootDir>/libs/auth/access/access-policy.ts',
    '^@osteo/([a-z-]+)$': '<rootDir>/libs/$1/index.ts',
    '^@osteo/([a-z-]+)/([a-z-]+)$': '<rootDir>/libs/$1/$2.ts',
  },
  globalSetup: '<rootDir>/libs/testing/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/global-teardown.ts',
  reporters: ['default', '<rootDir>/libs/testing/summary-reporter.js'],
  maxWorkers: 2,
  testTimeout: 30000,
};
