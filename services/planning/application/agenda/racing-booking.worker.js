// One booker of practitioner-agenda.int-spec.ts's true race. Bookers run on their own threads
// with their own connections to one SQLite file, as two instances of planning would: on one
// thread, better-sqlite3's synchronous calls only ever take turns. Loads the TypeScript sources
// with the SWC compiler Jest itself uses, resolving the @osteo/* aliases as jest.config.js does.
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { workerData, parentPort } = require('node:worker_threads');
const { transformSync } = require('@swc/core');

const LIBS = join(__dirname, '..', '..', '..', '..', 'libs');

Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@osteo\/([a-z-]+)(?:\/([a-z-]+))?$/.exec(request);
  return resolveFilename.call(this, alias ? join(LIBS, alias[1], `${alias[2] ?? 'index'}.ts`) : request, ...rest);
};

const { SqliteEventStore, handleCommand } = require('@osteo/event-sourcing');
const { appointmentDecider, appointmentStreamId } = require('../../domain/appointment.ts');
const { PractitionerAgenda } = require('./practitioner-agenda.ts');

/** workerData: { filePath, bookings: one slot per round, bookers, barrier: SharedArrayBuffer(4) }. */
const { filePath, bookings, bookers, barrier } = workerData;
const arrived = new Int32Array(barrier);

/** Blocks until every booker has reached this round, so that their bookings start together. */
function startTogether(round) {
  const everyone = bookers * (round + 1);
  if (Atomics.add(arrived, 0, 1) + 1 === everyone) {
    Atomics.notify(arrived, 0);
    return;
  }
  let seen;
  while ((seen = Atomics.load(arrived, 0)) < everyone) Atomics.wait(arrived, 0, seen);
}

async function race() {
  const store = new SqliteEventStore(filePath);
  const clock = { now: () => new Date() };
  const agenda = new PractitionerAgenda(store, clock);
  const caller = { principal: { accountId: 'acc-sophie', kind: 'specific', mustChangePassword: false }, correlationId: 'race' };
  const outcomes = [];
  for (const [round, slot] of bookings.entries()) {
    const book = {
      type: 'BookAppointment',
      data: { ...slot, cabinetId: 'cab-lyon', ownerId: slot.practitionerId, patientName: 'Jeanne Dupont', patientId: null, reason: null },
      metadata: { now: clock.now() },
    };
    startTogether(round);
    try {
      await agenda.claimThenWrite(slot, caller, () => handleCommand(store, appointmentStreamId(slot.appointmentId), appointmentDecider, book));
      outcomes.push('booked');
    } catch (error) {
      // Error classes do not cross threads: report the code, and the message of anything unexpected.
      outcomes.push(error.code ?? `${error.name}: ${error.message}`);
    }
  }
  await store.close();
  return outcomes;
}

// A rejection surfaces as the worker's 'error' event in the test.
void race().then((outcomes) => parentPort.postMessage(outcomes));
