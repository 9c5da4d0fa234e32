/**
 * mingo's narrower entry points, declared for TypeScript's `node` module resolution, which does
 * not read package.json `exports`; Node and Jest resolve them through `exports` at run time.
 */
declare module 'mingo/core' {
  export * from 'mingo/types/core';
}
declare module 'mingo/query' {
  export * from 'mingo/types/query';
}
declare module 'mingo/operators/query' {
  export * from 'mingo/types/operators/query';
}
declare module 'mingo/operators/pipeline' {
  export * from 'mingo/types/operators/pipeline';
}
