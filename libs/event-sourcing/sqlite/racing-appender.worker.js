// One writer of sqlite-event-store.int-spec.ts's true race. Writers run on their own threads
// because, on one thread, better-sqlite3's synchronous calls only ever take turns; here two
// connections really contend for the write lock. Loads the TypeScript adapter with the SWC
// compiler Jest itself uses.
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { workerData, parentPort } = require('node:worker_threads');
const { transformSync } = require('@swc/core');

Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

// The project's path aliases, as Jest's moduleNameMapper resolves them (jest.config.js).
const libsDirectory = require('node:path').join(__dirname, '..', '..');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const alias = /^@osteo\/([a-z-]+)$/.exec(request);
  return resolveFilename.call(this, alias ? `${libsDirectory}/${alias[1]}/index.ts` : request, ...rest);
};

const { SqliteEventStore } = require('./sqlite-event-store.ts');

/** workerData: { filePath, streamIds, writers, barrier: SharedArrayBuffer(4) }. */
const { filePath, streamIds, writers, barrier } = workerData;
const arrived = new Int32Array(barrier);

/** Blocks until every writer has reached this round, so that their appends start together. */
function startTogether(round) {
  const everyone = writers * (round + 1);
  if (Atomics.add(arrived, 0, 1) + 1 === everyone) {
    Atomics.notify(arrived, 0);
    return;
  }
  let seen;
  while ((seen = Atomics.load(arrived, 0)) < everyone) Atomics.wait(arrived, 0, seen);
}

async function race() {
  const store = new SqliteEventStore(filePath);
  const outcomes = [];
  for (const [round, streamId] of streamIds.entries()) {
    startTogether(round);
    try {
      await store.appendToStream(streamId, [{ type: 'Claimed', data: {} }], { expectedRevision: 'no_stream' });
      outcomes.push('won');
    } catch (error) {
      // Error classes do not cross threads: report the name, and the message of anything unexpected.
      outcomes.push(error.name === 'WrongExpectedRevisionError' ? 'conflict' : `${error.name}: ${error.message}`);
    }
  }
  await store.close();
  return outcomes;
}

// A rejection surfaces as the worker's 'error' event in the test.
void race().then((outcomes) => parentPort.postMessage(outcomes));
