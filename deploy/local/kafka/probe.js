// Exits 0 when the broker at argv[2] (host:port) serves clients, 1 otherwise. One attempt with short
// timeouts: kafka.sh calls it in its own wait loop.
//
// Ready means a metadata request works and a consumer group finds its coordinator. On a new broker
// the first coordinator lookup creates the __consumer_offsets topic, which takes a moment, and
// until then kafkajs logs "The group coordinator is not available" as an ERROR in every suite
// that joins a group.
const { Kafka, logLevel } = require('kafkajs');

const admin = new Kafka({
  clientId: 'kafka-sh-probe',
  brokers: [process.argv[2]],
  connectionTimeout: 1000,
  requestTimeout: 2000,
  retry: { retries: 0 },
  logLevel: logLevel.NOTHING,
}).admin();

admin
  .connect()
  .then(() => admin.listTopics())
  .then(() => admin.describeGroups(['kafka-sh-probe']))
  .then(
    () => admin.disconnect().then(() => process.exit(0)),
    () => process.exit(1),
  );
