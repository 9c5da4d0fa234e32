import { E164_PHONE_NUMBER } from '@osteo/contracts';
import { consts, gsmCoder } from 'smpp';

/** What a text becomes on the wire: its data coding, its octets, and whether one SMS holds it. */
export interface SmsPayload {
  readonly dataCoding: number;
  readonly octets: Buffer;
  readonly fitsOneMessage: boolean;
}

/** One SMS carries 140 octets: 160 GSM septets, or 70 UCS-2 characters. */
const GSM_SEPTETS_PER_MESSAGE = 160;
const UCS2_OCTETS_PER_MESSAGE = 140;

/**
 * The GSM 7-bit default alphabet when the text fits it (French letters é è ù à Ç do; ç, ê, â do
 * not), else UCS-2. Chosen here rather than by the package, whose automatic choice may be
 * Latin-1 (data coding 3), which many operators do not deliver.
 */
export function smsPayloadOf(text: string): SmsPayload {
  if (gsmCoder.GSM.charRegex.test(text)) {
    // One octet per septet, an escape octet before each extension character (€, [, ]…).
    const octets = gsmCoder.encode(text, 0);
    return { dataCoding: consts.ENCODING.SMSC_DEFAULT, octets, fitsOneMessage: octets.length <= GSM_SEPTETS_PER_MESSAGE };
  }
  const octets = Buffer.from(text, 'utf16le').swap16();
  return { dataCoding: consts.ENCODING.UCS2, octets, fitsOneMessage: octets.length <= UCS2_OCTETS_PER_MESSAGE };
}

export function assertE164(to: string): void {
  if (!E164_PHONE_NUMBER.test(to)) throw new Error('An SMS goes to a number in E.164 (+33612345678); this one is not');
}
