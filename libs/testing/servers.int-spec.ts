import { Kafka, logLevel, Partitioners } from 'kafkajs';
import mongoose from 'mongoose';
import { kafkaBrokers, mongoUrl, uniqueName } from './test-servers';

describe('the real servers provided by the global setup', () => {
  it('Kafka: given a new topic, when a message is produced, then a new consumer group reads it', async () => {
    const kafka = new Kafka({
      clientId: 'servers-int-spec',
      brokers: kafkaBrokers(),
      logLevel: logLevel.ERROR,
    });
    const topic = uniqueName('servers-spec');
    const admin = kafka.admin();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    const consumer = kafka.consumer({ groupId: uniqueName('servers-spec') });
    await Promise.all([admin.connect(), producer.connect(), consumer.connect()]);
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });

      await producer.send({ topic, messages: [{ key: 'patient-1', value: 'ConsultationCompleted' }] });

      await consumer.subscribe({ topic, fromBeginning: true });
      const firstValue = new Promise<string>((resolve, reject) => {
        consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) }).catch(reject);
      });
      await expect(firstValue).resolves.toBe('ConsultationCompleted');
    } finally {
      await Promise.all([consumer.disconnect(), producer.disconnect()]);
      // A failure here must not hide the test's own, such as a topic that was never created.
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('MongoDB: given a new database, when a document is inserted, then a find returns it', async () => {
    const dbName = uniqueName('servers-spec');
    const connection = await mongoose.createConnection(mongoUrl(), { dbName }).asPromise();
    try {
      const Patients = connection.model('Patient', new mongoose.Schema({ name: String, visits: Number }));

      await Patients.create({ name: 'Ada', visits: 2 });

      const found = await Patients.find({ name: 'Ada' }).lean();
      expect(found).toEqual([expect.objectContaining({ name: 'Ada', visits: 2 })]);
    } finally {
      await connection.dropDatabase();
      await connection.close();
    }
  });
});
