import { OutboxDirectorySmsSender } from './outbox-directory-sms-sender';
import { SmppSmsSender } from './smpp-sms-sender';
import type { SmsSender } from './sms-sender';

/** How a process sends SMS (PlatformConfig's `sms`): SMS_SENDER and its settings. */
export type SmsSettings = { readonly kind: 'outbox'; readonly directory: string } | { readonly kind: 'smpp'; readonly url: string; readonly from: string | null };

/** The adapter the configuration names. */
export function smsSenderFor(settings: SmsSettings): SmsSender {
  return settings.kind === 'smpp' ? new SmppSmsSender(settings) : new OutboxDirectorySmsSender(settings);
}
