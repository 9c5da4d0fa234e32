// Placeholder until the real-server provisioning lands: uses KAFKA_BROKERS / MONGO_URL as given.
export default async function globalSetup(): Promise<void> {}
