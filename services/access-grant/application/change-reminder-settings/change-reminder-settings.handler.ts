import { Injectable } from '@nestjs/common';
import { AccessCheck, Caller, commandMetadata } from '@osteo/auth';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { Clock } from '@osteo/platform';
import { phoneNumberInE164 } from '@osteo/sms';
import { cabinetDecider, cabinetStreamId, type ReminderSettings } from '../../domain/cabinet';

/** What the owner sends: the phone as typed, blank text for none. */
export type ReminderSettingsAsTyped = { readonly delayHours: number; readonly address?: string | null; readonly phone?: string | null };

/**
 * PUT /cabinets/:id/reminder-settings: the whole of how the cabinet reminds its patients. The
 * phone is typed as people type it and stored in E.164; the address goes on one line, as an SMS shows it.
 */
@Injectable()
export class ChangeReminderSettingsHandler {
  constructor(
    private readonly store: EventStore,
    private readonly access: AccessCheck,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, cabinetId: string, typed: ReminderSettingsAsTyped): Promise<ReminderSettings> {
    await this.access.require(caller.principal.accountId, 'cabinet.manage', { kind: 'cabinet', cabinetId }, 'Cabinet');
    const settings: ReminderSettings = { delayHours: typed.delayHours, address: oneLineOrNull(typed.address), phone: phoneOrNull(typed.phone) };
    await handleCommand(this.store, cabinetStreamId(cabinetId), cabinetDecider, {
      type: 'ChangeReminderSettings',
      data: { byAccountId: caller.principal.accountId, ...settings },
      metadata: commandMetadata(caller, this.clock.now()),
    });
    return settings;
  }
}

function oneLineOrNull(typed: string | null | undefined): string | null {
  const line = typed
    ?.split(/\r?\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');
  return line ? line : null;
}

function phoneOrNull(typed: string | null | undefined): string | null {
  const text = typed?.trim();
  if (!text) return null;
  const phone = phoneNumberInE164(text);
  if (phone === null) {
    throw new Rejection('invalid', 'CABINET.INVALID_PHONE', 'phone must be a phone number: a French one as 04 78 00 00 00, another with its country code (+44 20 7946 0958)');
  }
  return phone;
}
