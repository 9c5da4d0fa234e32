'use strict';
/**
 * The reminder process of test/faults/reminders-under-kill.e2e-spec.ts: patient-records'
 * ReminderSender as built in dist/, over the scenario's FerretDB database and SQLite event store,
 * sending through the suite's SMTP and SMPP servers at the instant the suite gives (NOW), round
 * after round, until it is killed. The schedule's feed is not running here: the suite writes the
 * schedule itself, so there is nothing for the sender to wait for.
 */
const { join } = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');
require('reflect-metadata');

const dist = join(__dirname, '..', '..', 'dist');
const { ReminderSender } = require(join(dist, 'services/patient-records/application/send-reminders/reminder-sender.js'));
const { ReminderSchedule } = require(join(dist, 'services/patient-records/application/reminder-schedule/reminder-schedule.js'));
const { MongoReadStore } = require(join(dist, 'libs/read-store/index.js'));
const { SqliteEventStore } = require(join(dist, 'libs/event-sourcing/index.js'));
const { SmtpMailer } = require(join(dist, 'libs/mail/index.js'));
const { SmppSmsSender } = require(join(dist, 'libs/sms/index.js'));

async function main() {
  const { MONGO_URL, MONGO_DATABASE, EVENT_STORE_FILE, SMTP_URL, SMPP_URL, NOW } = process.env;
  const readStore = await MongoReadStore.connect(MONGO_URL, MONGO_DATABASE);
  const store = SqliteEventStore.open(EVENT_STORE_FILE);
  const now = new Date(NOW);
  const sender = new ReminderSender(
    store,
    readStore,
    new ReminderSchedule(readStore),
    { caughtUpWithStore: async () => undefined },
    new SmtpMailer({ url: SMTP_URL, from: 'Cabinet <rappels@osteo.invalid>' }, { log: () => undefined }),
    new SmppSmsSender({ url: SMPP_URL, from: null }),
    { now: () => now },
  );
  for (;;) {
    const round = await sender.sendDue(now);
    if (round.sent + round.retried + round.failed + round.dropped > 0) process.stdout.write(`${JSON.stringify(round)}\n`);
    await sleep(50);
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
