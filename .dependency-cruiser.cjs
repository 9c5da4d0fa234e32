/**
 * Architecture boundaries, checked in CI (`npm run lint`) and proven by
 * test/architecture/dependency-rules.spec.ts. See ARCHITECTURE.md "Layout" and STYLE.md point 9.
 *
 * Paths are matched relative to the directory depcruise runs from (the repository root).
 */

/** Test suites are not shipped code; they may reach for test tooling (fast-check, @osteo/testing). */
const TEST_FILES = '\\.(spec|int-spec|e2e-spec|contract)\\.ts$';

/**
 * Library code a domain may use. It is pure by rule (`pure-kernel-stays-pure`), so anything
 * reachable from a domain is pure too. Widen this list only with files that are themselves pure.
 */
const PURE_KERNEL = ['^libs/contracts/', '^libs/event-sourcing/decider\\.ts$', '^libs/event-sourcing/rejection\\.ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'A domain is deciders and their types: no Nest, no I/O, no other layer. It may import its ' +
        'own domain folder, @osteo/contracts, libs/event-sourcing/decider.ts and rejection.ts, ' +
        'nothing else (no npm package, no node built-in).',
      from: { path: '^services/([^/]+)/domain/', pathNot: TEST_FILES },
      to: { pathNot: ['^services/$1/domain/', ...PURE_KERNEL], couldNotResolve: false },
    },
    {
      name: 'pure-kernel-stays-pure',
      severity: 'error',
      comment:
        'Domains may import these library files, so they must be as pure as a domain: they may ' +
        'only import each other.',
      from: { path: PURE_KERNEL, pathNot: TEST_FILES },
      to: { pathNot: PURE_KERNEL, couldNotResolve: false },
    },
    {
      name: 'application-knows-no-transport',
      severity: 'error',
      comment:
        'Use cases refuse with the kernel\'s Rejection and leave HTTP to the interface, which ' +
        'calls them: no @osteo/http, nothing from their own service\'s interface/.',
      from: { path: '^services/([^/]+)/application/' },
      to: { path: ['^libs/http/', '^services/$1/interface/'] },
    },
    {
      name: 'no-service-imports-another-service',
      severity: 'error',
      comment:
        "A service talks to another through @osteo/contracts and Kafka, never through its code. " +
        'Files directly under services/ (composition roots such as embedded.main.ts) are not ' +
        'inside a service and may wire every service together.',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'libs-do-not-import-services',
      severity: 'error',
      comment: 'Shared code serves the services; depending on one would couple every service to it.',
      from: { path: '^libs/' },
      to: { path: '^services/' },
    },
    {
      name: 'web-reaches-only-the-pure-policy',
      severity: 'error',
      comment:
        'The web bundle decides what to show with the API\'s own access policy, and with nothing ' +
        'else of the server: no service, no lib but the policy and the contracts\' types.',
      from: { path: '^web/' },
      to: { path: '^(services|libs)/', pathNot: ['^libs/auth/access/access-policy\\.ts$', '^libs/contracts/'] },
    },
    {
      name: 'shared-policy-stays-pure',
      severity: 'error',
      comment: 'The access policy runs in the browser too: it may import the pure kernel and nothing else.',
      from: { path: '^libs/auth/access/access-policy\\.ts$' },
      to: { pathNot: PURE_KERNEL, couldNotResolve: false },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Modules that load each other see half-initialised exports (and Nest needs forwardRef). ' +
        '`import type` is erased at compile time, so a cycle closed only by one is no cycle at runtime.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'This import resolves to nothing on disk: a typo, a missing package or a missing path alias.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a domain that imports a Nest type is coupled to Nest.
    tsPreCompilationDeps: true,
    // Resolves the @osteo/* path aliases.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
