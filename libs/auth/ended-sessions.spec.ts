import type { IntegrationEnvelope } from '@osteo/contracts';
import { EndedSessions, type TokenSession } from './ended-sessions';

const MINUTE = 60_000;
const start = Date.parse('2026-03-02T09:00:00.000Z');

let eventCount = 0;
const identityEvent = (type: string, occurredAtMs: number, data: Record<string, unknown>): IntegrationEnvelope => ({
  eventId: `event-${++eventCount}`,
  type,
  version: 1,
  streamId: 'stream',
  revision: 0,
  occurredAt: new Date(occurredAtMs).toISOString(),
  actorId: null,
  correlationId: null,
  causationId: null,
  data,
});
const sessionEnded = (sessionId: string, atMs: number) =>
  identityEvent('SessionEnded', atMs, { sessionId, accountId: 'acc-claire', reason: 'logged-out' });
const passwordChanged = (accountId: string, atMs: number) => identityEvent('AccountPasswordChanged', atMs, { accountId });
const token = (sessionId: string, issuedAtMs: number, accountId = 'acc-claire'): TokenSession => ({ sessionId, accountId, issuedAtMs });

describe('EndedSessions', () => {
  let nowMs = start;
  const now = () => nowMs;
  beforeEach(() => {
    nowMs = start;
  });

  it('given an account erased, refuses every token of it issued before, and no other account’s', () => {
    const ended = new EndedSessions(16 * MINUTE, now);

    ended.learn(identityEvent('AccountErased', start, { accountId: 'acc-sam' }));

    expect(ended.hasEnded(token('session-1', start - 5 * MINUTE, 'acc-sam'))).toBe(true);
    expect(ended.hasEnded(token('session-2', start - 5 * MINUTE))).toBe(false);
  });

  it('given a session that ended, refuses its tokens and no other session’s', () => {
    const ended = new EndedSessions(16 * MINUTE, now);

    ended.learn(sessionEnded('session-1', start));

    expect(ended.hasEnded(token('session-1', start - 5 * MINUTE))).toBe(true);
    expect(ended.hasEnded(token('session-2', start - 5 * MINUTE))).toBe(false);
  });

  it('given a password change, refuses the account’s tokens issued before it, not those issued after it, even within the same second', () => {
    const ended = new EndedSessions(16 * MINUTE, now);
    const changedAt = start + 400;

    ended.learn(passwordChanged('acc-claire', changedAt));

    expect(ended.hasEnded(token('session-1', start + 399))).toBe(true);
    expect(ended.hasEnded(token('session-2', changedAt))).toBe(false);
    expect(ended.hasEnded(token('session-3', start + 401))).toBe(false);
    expect(ended.hasEnded(token('session-4', start, 'acc-sophie'))).toBe(false);
  });

  it('keeps the latest password change of an account, whatever order its events come in', () => {
    const ended = new EndedSessions(16 * MINUTE, now);

    ended.learn(passwordChanged('acc-claire', start + MINUTE));
    ended.learn(passwordChanged('acc-claire', start));

    expect(ended.hasEnded(token('session-1', start + MINUTE - 1))).toBe(true);
  });

  it('is told the same event twice (at-least-once delivery) with the same outcome', () => {
    const ended = new EndedSessions(16 * MINUTE, now);

    ended.learn(sessionEnded('session-1', start));
    ended.learn(sessionEnded('session-1', start));

    expect(ended.hasEnded(token('session-1', start))).toBe(true);
    expect(ended.size).toBe(1);
  });

  it('ignores other identity events and events it cannot read', () => {
    const ended = new EndedSessions(16 * MINUTE, now);

    ended.learn(identityEvent('AccountRegistered', start, { accountId: 'acc-claire' }));
    ended.learn(identityEvent('SessionEnded', start, { sessionId: 42 }));
    ended.learn(identityEvent('AccountPasswordChanged', start, {}));

    expect(ended.size).toBe(0);
  });

  it('forgets what it learnt once every access token it could refuse has expired, and never learns what is already that old', () => {
    const ended = new EndedSessions(16 * MINUTE, now);
    ended.learn(sessionEnded('session-1', start));
    ended.learn(passwordChanged('acc-claire', start));

    nowMs = start + 16 * MINUTE;
    ended.learn(sessionEnded('session-2', nowMs));
    expect(ended.size).toBe(3);

    nowMs += 1;
    ended.learn(sessionEnded('session-3', nowMs));
    expect(ended.hasEnded(token('session-1', start))).toBe(false);
    expect(ended.size).toBe(2);

    // Replaying the topic from its beginning after a restart: an old end needs no remembering.
    ended.learn(sessionEnded('session-0', start - MINUTE));
    expect(ended.size).toBe(2);
  });

  it('answers whether its history was replayed: at once when nothing replays it, else once the replay is over', async () => {
    const alone = new EndedSessions(16 * MINUTE, now);
    await expect(alone.whenReplayed()).resolves.toBeUndefined();

    const fed = new EndedSessions(16 * MINUTE, now);
    let replayOver!: () => void;
    fed.replayedBy(new Promise<void>((resolve) => (replayOver = resolve)));
    let replayed = false;
    void fed.whenReplayed().then(() => (replayed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(replayed).toBe(false);

    replayOver();
    await fed.whenReplayed();
    expect(replayed).toBe(true);
  });
});
