import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errors } from 'smpp';
import { eventually } from '../../test/support/eventually';
import { startSmppTestServer, type SmppTestServer } from '../../test/support/smpp-test-server';
import { OutboxDirectorySmsSender, type OutboxSms } from './outbox-directory-sms-sender';
import { SmppRefusalError, SmppSmsSender } from './smpp-sms-sender';
import { smsSenderContract } from './sms-sender.contract';

const silent: { log(line: string): void; warn(line: string): void } = { log: () => undefined, warn: () => undefined };

async function outboxMessages(directory: string): Promise<OutboxSms[]> {
  const names = (await readdir(directory).catch(() => [] as string[])).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(names.map(async (name) => JSON.parse(await readFile(join(directory, name), 'utf8')) as OutboxSms));
}

smsSenderContract('OutboxDirectorySmsSender', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'osteo-sms-outbox-'));
  const directory = join(dataDir, 'sms-outbox');
  return {
    sender: new OutboxDirectorySmsSender({ directory }, silent),
    delivered: async () => (await outboxMessages(directory)).map(({ to, text }) => ({ to, text })),
    stop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
});

smsSenderContract('SmppSmsSender', async () => {
  const server = await startSmppTestServer();
  const sender = new SmppSmsSender({ url: server.url, from: 'CABINET' }, silent);
  return {
    sender,
    delivered: async () => server.received.map(({ to, text }) => ({ to, text })),
    stop: async () => {
      await sender.close();
      await server.stop();
    },
  };
});

describe('OutboxDirectorySmsSender', () => {
  let dataDir: string;
  let directory: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'osteo-sms-outbox-'));
    directory = join(dataDir, 'sms-outbox');
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes one owner-only file named by the reference, and logs where it went but not the number nor the text', async () => {
    const logged: string[] = [];
    const sender = new OutboxDirectorySmsSender({ directory }, { log: (line: string) => logged.push(line) });

    await sender.send({ to: '+33612345678', text: 'Rappel : demain 09:30', reference: 'reminder-0f3a' });

    const file = join(directory, 'reminder-0f3a.json');
    expect(await readdir(directory)).toEqual(['reminder-0f3a.json']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ reference: 'reminder-0f3a', to: '+33612345678', text: 'Rappel : demain 09:30' });
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(logged).toEqual([`SMS reminder-0f3a written to ${file}`]);
  });

  it('keeps one whole file when the same message is written twice, even at the same time, and leaves no partial file', async () => {
    const sender = new OutboxDirectorySmsSender({ directory }, silent);
    const message = { to: '+33612345678', text: 'Rappel : demain 09:30', reference: 'reminder-1' };

    await sender.send(message);
    await Promise.all([sender.send(message), sender.send(message), new OutboxDirectorySmsSender({ directory }, silent).send(message)]);

    expect(await readdir(directory)).toEqual(['reminder-1.json']);
    expect(await outboxMessages(directory)).toEqual([message]);
  });

  it.each(['../escape', '.hidden', 'a/b', ''])('refuses the reference %j, which cannot name a file, and writes nothing', async (reference) => {
    const sender = new OutboxDirectorySmsSender({ directory }, silent);

    await expect(sender.send({ to: '+33612345678', text: 'Rappel', reference })).rejects.toThrow('reference');

    expect(await readdir(dataDir)).toEqual([]);
  });
});

describe('SmppSmsSender', () => {
  let server: SmppTestServer;
  const senders: SmppSmsSender[] = [];
  const senderFor = (url: string, settings: Partial<ConstructorParameters<typeof SmppSmsSender>[0]> = {}, logger = silent) => {
    const sender = new SmppSmsSender({ url, from: null, ...settings }, logger);
    senders.push(sender);
    return sender;
  };
  const reminder = (n: number) => ({ to: '+33612345678', text: `Rappel ${n}`, reference: `reminder-${n}` });

  beforeEach(async () => {
    server = await startSmppTestServer();
  });
  afterEach(async () => {
    await Promise.all(senders.splice(0).map((sender) => sender.close()));
    await server.stop();
  });

  it('binds once with the credentials of the URL and sends many messages at once over that session, logging references and message ids only', async () => {
    const logged: string[] = [];
    const sender = senderFor(server.url, {}, { log: (line: string) => void logged.push(line), warn: silent.warn });

    await Promise.all(Array.from({ length: 20 }, (_, n) => sender.send(reminder(n))));

    expect(server.binds()).toBe(1);
    expect(server.openSessions()).toBe(1);
    expect(server.received.map(({ text }) => text).sort()).toEqual(Array.from({ length: 20 }, (_, n) => `Rappel ${n}`).sort());
    expect(logged).toHaveLength(20);
    expect(logged).toContainEqual(expect.stringMatching(/^SMS reminder-7 accepted by the SMPP server as test-\d+$/));
    expect(logged.join('\n')).not.toMatch(/612345678|Rappel/);
  });

  it('sends a GSM text in the default alphabet, any other in UCS-2, from the configured sender', async () => {
    const sender = senderFor(server.url, { from: 'CABINET' });
    const numbered = senderFor(server.url, { from: '+33123456789' });

    await sender.send({ to: '+33612345678', text: 'Rendez-vous à 09:30, 12 €', reference: 'a' });
    await sender.send({ to: '+33612345678', text: 'Reçu', reference: 'b' });
    await numbered.send({ to: '+33612345678', text: 'Rappel', reference: 'c' });

    expect(server.received.map(({ text, dataCoding, from }) => ({ text, dataCoding, from }))).toEqual([
      { text: 'Rendez-vous à 09:30, 12 €', dataCoding: 0, from: 'CABINET' },
      { text: 'Reçu', dataCoding: 8, from: 'CABINET' },
      { text: 'Rappel', dataCoding: 0, from: '33123456789' },
    ]);
  });

  it('fails with the status the server gave when it refuses a message, and sends the next over the same session', async () => {
    const sender = senderFor(server.url);
    await sender.send(reminder(1));
    server.refuseNext(errors.ESME_RINVDSTADR);

    const refused = sender.send(reminder(2));
    await expect(refused).rejects.toThrow(SmppRefusalError);
    await expect(refused).rejects.toMatchObject({
      operation: 'submit',
      status: errors.ESME_RINVDSTADR,
      statusName: 'ESME_RINVDSTADR',
      message: 'The SMPP server refused the SMS reminder-2: ESME_RINVDSTADR (0x0000000b)',
    });
    await sender.send(reminder(3));

    expect(server.received.map(({ text }) => text)).toEqual(['Rappel 1', 'Rappel 3']);
    expect(server.binds()).toBe(1);
  });

  it('fails with a clear error when the server refuses the credentials', async () => {
    const sender = senderFor(server.url.replace(':secret@', ':wrong@'));

    await expect(sender.send(reminder(1))).rejects.toMatchObject({
      operation: 'bind',
      statusName: 'ESME_RBINDFAIL',
      message: expect.stringMatching(/^The SMPP server at 127\.0\.0\.1:\d+ refused to bind system_id "osteo": ESME_RBINDFAIL/),
    });
    expect(server.received).toEqual([]);
  });

  it('opens a new session for the next message when the server dropped the last one', async () => {
    const sender = senderFor(server.url);
    await sender.send(reminder(1));

    await server.dropSessions();
    // As a dropped session is heard of long before the next reminder is due.
    await eventually(() => expect(sender.connected).toBe(false));
    await sender.send(reminder(2));

    expect(server.received.map(({ text }) => text)).toEqual(['Rappel 1', 'Rappel 2']);
    expect(server.binds()).toBe(2);
  });

  it('fails a message whose session dropped before the answer, since whether it went is unknown, and sends the next', async () => {
    const sender = senderFor(server.url);
    await sender.send(reminder(1));
    const arrived = server.ignoreNext();

    const unanswered = sender.send(reminder(2));
    await arrived;
    await server.dropSessions();

    await expect(unanswered).rejects.toThrow(/closed before the server answered submit_sm/);
    await sender.send(reminder(3));
    expect(server.received.map(({ text }) => text)).toEqual(['Rappel 1', 'Rappel 3']);
  });

  it('gives up on a server that does not answer, and sends the next message over a new session', async () => {
    const sender = senderFor(server.url, { responseTimeoutMs: 200 });
    void server.ignoreNext();

    await expect(sender.send(reminder(1))).rejects.toThrow(/did not answer submit_sm within 200 ms/);
    await sender.send(reminder(2));

    expect(server.received.map(({ text }) => text)).toEqual(['Rappel 2']);
    expect(server.binds()).toBe(2);
  });

  it('fails, naming the address, when no server listens', async () => {
    const url = server.url;
    await server.stop();

    await expect(senderFor(url).send(reminder(1))).rejects.toThrow(/^No SMPP connection to 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
  });

  it('unbinds and closes its session when closed', async () => {
    const sender = senderFor(server.url);
    await sender.send(reminder(1));

    await sender.close();

    await eventually(() => expect(server.openSessions()).toBe(0));
    await expect(sender.send(reminder(2))).rejects.toThrow('closed');
  });
});
