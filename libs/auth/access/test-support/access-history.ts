import type { AccessEventType, AccessPublicEvent, DelegationGrantedV1 } from '@osteo/contracts';

/**
 * A history of access.events as access-grant would publish it: stream ids and revisions per
 * cabinet and per delegation, one minute between events, all before NOW.
 */
export class AccessHistory {
  readonly envelopes: AccessPublicEvent[] = [];
  private readonly nextRevision = new Map<string, number>();

  cabinetOpened(cabinetId: string, ownerId: string): this {
    return this.record('CabinetOpened', { cabinetId, ownerId, name: `Cabinet ${cabinetId}`, address: null });
  }

  cabinetRenamed(cabinetId: string, ownerId: string, name: string): this {
    return this.record('CabinetRenamed', { cabinetId, ownerId, name });
  }

  cabinetTimeZoneChanged(cabinetId: string, ownerId: string, timeZone: string): this {
    return this.record('CabinetTimeZoneChanged', { cabinetId, ownerId, timeZone });
  }

  cabinetReminderSettingsChanged(cabinetId: string, ownerId: string, delayHours: number, phone: string | null = null): this {
    return this.record('CabinetReminderSettingsChanged', { cabinetId, ownerId, delayHours, address: null, phone });
  }

  cabinetClosed(cabinetId: string, ownerId: string): this {
    return this.record('CabinetClosed', { cabinetId, ownerId });
  }

  colleagueInvited(cabinetId: string, ownerId: string, inviteeAccountId: string): this {
    return this.record('ColleagueInvited', { invitationId: `invitation-${inviteeAccountId}`, cabinetId, ownerId, inviteeAccountId });
  }

  colleagueJoined(cabinetId: string, ownerId: string, colleagueAccountId: string): this {
    return this.record('ColleagueJoined', { invitationId: `invitation-${colleagueAccountId}`, cabinetId, ownerId, colleagueAccountId });
  }

  colleagueRemoved(cabinetId: string, ownerId: string, colleagueAccountId: string): this {
    return this.record('ColleagueRemoved', { cabinetId, ownerId, colleagueAccountId });
  }

  delegationGranted(
    delegationId: string,
    grant: Pick<DelegationGrantedV1, 'ownerId' | 'role' | 'cabinetIds'> & Partial<DelegationGrantedV1>,
  ): this {
    return this.record('DelegationGranted', {
      delegationId,
      granteeEmail: `${grant.granteeAccountId ?? delegationId}@example.fr`,
      granteeAccountId: null,
      retrocessionBasisPoints: null,
      endsOn: null,
      ...grant,
    });
  }

  delegationActivated(delegationId: string, ownerId: string, granteeAccountId: string): this {
    return this.record('DelegationActivated', { delegationId, ownerId, granteeAccountId });
  }

  delegationCabinetsChanged(delegationId: string, ownerId: string, cabinetIds: readonly string[]): this {
    return this.record('DelegationCabinetsChanged', { delegationId, ownerId, cabinetIds });
  }

  delegationRetrocessionChanged(delegationId: string, ownerId: string, retrocessionBasisPoints: number): this {
    return this.record('DelegationRetrocessionChanged', { delegationId, ownerId, retrocessionBasisPoints });
  }

  delegationRevoked(delegationId: string, ownerId: string): this {
    return this.record('DelegationRevoked', { delegationId, ownerId });
  }

  /** When the last event recorded so far occurred. */
  get lastOccurredAt(): Date {
    return new Date(this.envelopes.at(-1)!.occurredAt);
  }

  private record<T extends AccessEventType>(type: T, data: Extract<AccessPublicEvent, { type: T }>['data']): this {
    const streamId = 'delegationId' in data ? `delegation-${data.delegationId}` : `cabinet-${data.cabinetId}`;
    const revision = this.nextRevision.get(streamId) ?? 0;
    this.nextRevision.set(streamId, revision + 1);
    this.envelopes.push({
      eventId: `event-${this.envelopes.length}`,
      type,
      version: 1,
      streamId,
      revision,
      occurredAt: new Date(Date.parse('2025-03-01T09:00:00.000Z') + this.envelopes.length * 60_000).toISOString(),
      actorId: data.ownerId,
      correlationId: null,
      causationId: null,
      data,
    } as AccessPublicEvent);
    return this;
  }
}
