import { randomUUID } from 'node:crypto';
import {
  EventStore,
  type AppendResult,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type RecordedEvent,
  type StoreSubscription,
  type SubscribeAllOptions,
} from '@osteo/event-sourcing';
import { decryptField, encryptField, isEncryptedField } from './field-cipher';
import { ERASED, valueAt, withValueAt, type PersonalDataPolicy, type PersonalFieldsOfEvent } from './personal-fields';
import { SubjectKeyStore } from './subject-key-store';

/**
 * The EventStore of a service that holds personal data (crypto-shredding): appends encrypt the
 * fields its policy lists with their subject's key, every read decrypts them. Once a subject's
 * key is erased its fields read as ERASED, in every reader alike (handlers, projections, a
 * rebuild, the outbox publisher), and the stored bytes say nothing to anyone.
 *
 * A field stored before encryption existed is not in the encrypted form and reads as it is.
 * An event read with erased fields carries `personalDataErased: true` in its metadata.
 */
export class PersonalDataEventStore extends EventStore {
  constructor(
    readonly inner: EventStore,
    private readonly keys: SubjectKeyStore,
    private readonly policy: PersonalDataPolicy,
  ) {
    super();
  }

  override async appendToStream(streamId: string, events: readonly EventToAppend[], options: { readonly expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    const encrypted: EventToAppend[] = [];
    // One after the other: the events of one new subject then make one key, not one each.
    for (const event of events) encrypted.push(await this.encrypted(event));
    return this.inner.appendToStream(streamId, encrypted, options);
  }

  override async readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.decryptedAll(await this.inner.readStream(streamId));
  }

  override async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.decryptedAll(await this.inner.readAll(options));
  }

  override subscribeToAll(options: SubscribeAllOptions): StoreSubscription {
    return this.inner.subscribeToAll({ ...options, onEvent: async (event) => options.onEvent(await this.decrypted(event)) });
  }

  /** The key store is the service's to close: other parts (erasure) hold it too. */
  override close(): Promise<void> {
    return this.inner.close();
  }

  /** Own properties only: an event type such as `constructor` is no entry of the policy. */
  private personalFieldsOf(type: string): PersonalFieldsOfEvent | undefined {
    return Object.hasOwn(this.policy, type) ? this.policy[type] : undefined;
  }

  private async encrypted(event: EventToAppend): Promise<EventToAppend> {
    const personal = this.personalFieldsOf(event.type);
    if (!personal) return event;
    const paths = personal.fields.filter((path) => holdsValue(valueAt(event.data, path)));
    if (paths.length === 0) return event;
    const subjectId = subjectOf(event.data, personal.subject, event.type);
    // The id is part of each field's associated data, so it is fixed here rather than by the adapter.
    const eventId = event.eventId ?? randomUUID();
    // An erased subject gets no new key: what is appended about it is stored erased.
    const key = await this.keys.keyFor(subjectId);
    let data: Record<string, unknown> = { ...event.data };
    for (const path of paths) {
      data = withValueAt(data, path, key === null ? ERASED : encryptField(key, valueAt(data, path), { eventId, path }));
    }
    return { ...event, eventId, data };
  }

  private async decryptedAll(events: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    const decrypted: RecordedEvent[] = [];
    // One after the other: the events of one subject then read its key once, then from the cache.
    // Most events of a long read hold nothing personal: they cost no await.
    for (const event of events) decrypted.push(this.personalFieldsOf(event.type) ? await this.decrypted(event) : event);
    return decrypted;
  }

  private async decrypted(event: RecordedEvent): Promise<RecordedEvent> {
    const personal = this.personalFieldsOf(event.type);
    if (!personal) return event;
    const paths = personal.fields.filter((path) => isEncryptedField(valueAt(event.data, path)));
    if (paths.length === 0) return event;
    const key = await this.keys.existingKeyFor(subjectOf(event.data, personal.subject, event.type));
    let data: Record<string, unknown> = { ...event.data };
    for (const path of paths) {
      const value = valueAt(data, path) as string;
      data = withValueAt(data, path, key === null ? ERASED : decryptField(key, value, { eventId: event.eventId, path }));
    }
    return key === null ? { ...event, data, metadata: { ...event.metadata, personalDataErased: true } } : { ...event, data };
  }
}

const holdsValue = (value: unknown): boolean => value !== undefined && value !== null;

function subjectOf(data: Readonly<Record<string, unknown>>, path: PersonalFieldsOfEvent['subject'], type: string): string {
  const paths = typeof path === 'string' ? [path] : path;
  for (const candidate of paths) {
    const subject = valueAt(data, candidate);
    if (typeof subject === 'string' && subject !== '') return subject;
  }
  throw new Error(`${type} holds personal data but no subject id at ${paths.join(' or ')}`);
}
