import { publicEventContracts } from './asyncapi';
import type { JsonSchema, PublicEventContract } from './json-schema';

/**
 * Topics keep what they are given for ever, so a contact detail published there could never be
 * erased. Public events carry ids, amounts and dates; the patient's name only where the ledger
 * prints it by law (the livre-journal); no e-mail address, phone number or postal address: a
 * consumer that needs one asks the owning service. This walks every field of every contract's
 * JSON Schema and fails on a name that looks like contact details or a patient's identity, unless
 * it is below, with its reason. docs/operations.md ("What each topic carries") says the same per topic.
 */
const CONTACT_DETAILS = /e-?mail|phone|mobile|address|postal|street|zip|city/i;
const PATIENT_IDENTITY = /patient.*name|first.?name|last.?name|birth/i;

const RETIRED = 'a retired version, published before its next version and never since: its contract stays for consumers that read old messages';

const allowed: Readonly<Record<string, string>> = {
  'AccountRegistered v1 email': RETIRED,
  'DelegationGranted v1 granteeEmail': RETIRED,
  'AppointmentBooked v1 patientName': RETIRED,
  'AccountRegistered v2 emailDigest': 'not the address: an HMAC-SHA-256 under EMAIL_DIGEST_KEY, which only identity and access-grant hold, to match an address they are given',
  'DelegationGranted v2 granteeEmailDigest': 'not the address: the same keyed digest as AccountRegistered v2',
  'DelegationGranted v2 granteeEmailSealed':
    'not the address in clear: sealed (libs/platform/sealed-emails.ts) with a key only identity, which provisions the account, and access-grant hold, bound to the delegation id',
  'CabinetOpened v1 address': RETIRED,
  'CabinetReminderSettingsChanged v1 address': RETIRED,
  'CabinetReminderSettingsChanged v1 phone': RETIRED,
  'CabinetOpened v2 addressSealed':
    "not the practice's address in clear: sealed (libs/platform/sealed-practice-contacts.ts) with a key only access-grant, which writes it, and patient-records, which prints it in reminders, hold (with identity), bound to the practice, the event and the field",
  'CabinetReminderSettingsChanged v2 addressSealed': 'not the address reminders show in clear: sealed as CabinetOpened v2 addressSealed',
  'CabinetReminderSettingsChanged v2 phoneSealed': "not the practice's number patients call to cancel in clear: sealed as CabinetOpened v2 addressSealed",
  'ConsultationCompleted v1 patientName': 'the livre-journal names the patient on each line by law: accounting writes the line from this event',
  'LedgerLineWritten v1 patientName': 'the line as the livre-journal prints it, by law; null on every line that is not a consultation’s',
};

/** Every property of a schema, nested objects and array items included, as dotted paths. */
function fieldsOf(schema: JsonSchema, prefix = ''): string[] {
  const own = Object.entries(schema.properties ?? {}).flatMap(([name, property]) => [`${prefix}${name}`, ...fieldsOf(property, `${prefix}${name}.`)]);
  return schema.items ? [...own, ...fieldsOf(schema.items, prefix)] : own;
}

const flagged = (contract: PublicEventContract): string[] =>
  fieldsOf(contract.dataSchema)
    .filter((field) => CONTACT_DETAILS.test(field.split('.').at(-1)!) || PATIENT_IDENTITY.test(field.split('.').at(-1)!))
    .map((field) => `${contract.type} v${contract.version} ${field}`);

describe('personal data on topics', () => {
  const everyFlagged = publicEventContracts.flatMap(flagged);

  it('no public event carries an e-mail address, a phone number, a postal address or a patient’s name, but those allowed for a stated reason', () => {
    expect(everyFlagged.filter((field) => !Object.hasOwn(allowed, field))).toEqual([]);
  });

  it('allows nothing that is no longer there, so the list says what topics carry today', () => {
    expect(Object.keys(allowed).filter((field) => !everyFlagged.includes(field))).toEqual([]);
  });

  it('allows a retired version only where a later version of the event exists, and that one is not allowed the same field', () => {
    for (const [field, reason] of Object.entries(allowed).filter(([, why]) => why === RETIRED)) {
      const [type, version, name] = field.split(' ');
      const later = publicEventContracts.filter((contract) => contract.type === type && contract.version > Number(version.slice(1)));
      expect([field, reason, later.length > 0]).toEqual([field, RETIRED, true]);
      for (const contract of later) expect(flagged(contract)).not.toContain(`${type} v${contract.version} ${name}`);
    }
  });

  it('catches a field named like contact details wherever it hides', () => {
    const sneaky: PublicEventContract = {
      type: 'Sneaky',
      version: 1,
      topic: 'x.events',
      description: 'x',
      dataSchema: { type: 'object', properties: { contact: { type: 'object', properties: { mobilePhone: { type: 'string' } } }, guests: { type: 'array', items: { type: 'object', properties: { eMail: { type: 'string' } } } } } },
    };
    expect(flagged(sneaky)).toEqual(['Sneaky v1 contact.mobilePhone', 'Sneaky v1 guests.eMail']);
  });
});
