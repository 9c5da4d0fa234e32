import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { describeReadStoreContract } from '../read-store.contract';
import { MongoReadStore } from './mongo-read-store';

const mongoUrl = process.env.MONGO_URL;
if (!mongoUrl) {
  // Not a skip: the Jest global setup always provides a MongoDB-compatible server (FerretDB).
  throw new Error('MONGO_URL is not set: the MongoReadStore contract needs a MongoDB-compatible server');
}

/** A database of its own per store, so tests never see each other's documents. */
function freshDatabaseName(): string {
  return `rs_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

describeReadStoreContract('MongoReadStore', () => MongoReadStore.connect(mongoUrl, freshDatabaseName()));

describe('MongoReadStore when the connection drops mid-write', () => {
  it('given the connection closes while insertAbsent is in flight, then it fails rather than report the documents written', async () => {
    const proxy = await ConnectionDroppingProxy.inFrontOf(new URL(mongoUrl).port);
    const store = await MongoReadStore.connect(`mongodb://127.0.0.1:${proxy.port}/`, freshDatabaseName());
    try {
      const lines = store.collection('ledger_lines');
      await lines.insertOne({ _id: 'warm-up' });
      const documents = [{ _id: 'line-1' }, { _id: 'line-2' }, { _id: 'line-3' }];

      proxy.dropTheNextInsert();
      await expect(lines.insertAbsent(documents)).rejects.toThrow(/closed/);

      // The caller's retry, once the server answers again, writes them.
      expect(await lines.insertAbsent(documents)).toBe(3);
      expect(await lines.countDocuments({})).toBe(4);
    } finally {
      await store.dropAll();
      await store.close();
      await proxy.close();
    }
  });
});

/**
 * A TCP relay to the server that closes the client's connection instead of forwarding the next
 * `insert` command, as a server going down mid-request does; every other request passes.
 */
class ConnectionDroppingProxy {
  private dropInsert = false;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  private constructor(private readonly serverPort: number) {
    this.server = createServer((client) => this.relay(client));
  }

  static async inFrontOf(serverPort: string): Promise<ConnectionDroppingProxy> {
    const proxy = new ConnectionDroppingProxy(Number(serverPort));
    proxy.server.listen(0, '127.0.0.1');
    await once(proxy.server, 'listening');
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  dropTheNextInsert(): void {
    this.dropInsert = true;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private relay(client: Socket): void {
    const upstream = connect(this.serverPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    }
    client.on('data', (chunk: Buffer) => {
      if (this.dropInsert && chunk.includes('insert')) {
        this.dropInsert = false;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  }
}
