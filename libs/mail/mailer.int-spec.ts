import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRecordingSmtpServer } from '../../test/support/recording-smtp-server';
import { mailerContract } from './mailer.contract';
import { OutboxDirectoryMailer } from './outbox-directory-mailer';
import { SmtpMailer } from './smtp-mailer';

const silent = { log: () => undefined };

async function outboxFiles(directory: string): Promise<string[]> {
  const names = await readdir(directory).catch(() => []);
  return names.filter((name) => name.endsWith('.eml')).sort().map((name) => join(directory, name));
}

mailerContract('OutboxDirectoryMailer', async (from) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'osteo-outbox-'));
  const directory = join(dataDir, 'outbox');
  return {
    mailer: new OutboxDirectoryMailer({ directory, from }, silent),
    delivered: async () => Promise.all((await outboxFiles(directory)).map((file) => readFile(file, 'utf8'))),
    stop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
});

mailerContract('SmtpMailer', async (from) => {
  const server = await startRecordingSmtpServer();
  return {
    mailer: new SmtpMailer({ url: server.url, from }, silent),
    delivered: async () => server.received.map((mail) => mail.raw),
    stop: () => server.stop(),
  };
});

describe('OutboxDirectoryMailer', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'osteo-outbox-'));
  const directory = join(dataDir, 'outbox');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates its directory, keeps the files to their owner, and logs where a mail went but not what it says', async () => {
    const logged: string[] = [];
    const mailer = new OutboxDirectoryMailer({ directory, from: 'no-reply@osteo.test' }, { log: (line: string) => logged.push(line) });

    await mailer.send({ to: 'secretariat@example.fr', subject: 'Your access', text: 'Temporary password:\nAbcd2345EfghJKmn7890\n' });

    const [file] = await outboxFiles(directory);
    expect(file).toMatch(/\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-\d{4}-[0-9a-f]{8}\.eml$/);
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(logged).toEqual([`Mail "Your access" to secretariat@example.fr written to ${file}`]);
    expect(logged.join()).not.toContain('Abcd2345EfghJKmn7890');
  });
});

describe('SmtpMailer', () => {
  it('hands the message to the server for the recipient, and logs the id the message got', async () => {
    const server = await startRecordingSmtpServer();
    const logged: string[] = [];
    try {
      await new SmtpMailer({ url: server.url, from: 'no-reply@osteo.test' }, { log: (line: string) => logged.push(line) }).send({
        to: 'secretariat@example.fr',
        subject: 'Your access',
        text: 'Temporary password:\nAbcd2345EfghJKmn7890\n',
      });
      expect(server.received.map((mail) => mail.recipients)).toEqual([['secretariat@example.fr']]);
      expect(logged).toEqual([expect.stringMatching(/^Mail "Your access" to secretariat@example\.fr accepted by the SMTP server as <.+@osteo\.test>$/)]);
    } finally {
      await server.stop();
    }
  });

  it('fails when no server answers, so the caller can try again later', async () => {
    const server = await startRecordingSmtpServer();
    await server.stop();
    await expect(new SmtpMailer({ url: server.url, from: 'no-reply@osteo.test' }, silent).send({ to: 'a@example.fr', subject: 's', text: 't\n' })).rejects.toThrow();
  });
});
