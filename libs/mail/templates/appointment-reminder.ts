import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { appointmentTimeInWords, appointmentTimeShort } from './appointment-time';
import { compiledMailTemplates } from './compiled-templates';
import { fillCompiledTemplate } from './html-slots';
import { mailCatalog } from './mail-catalog';
import type { MailLanguage } from './mail-language';
import { type RenderedMail, oneLine, plainText, signedOff } from './rendered-mail';

/** What a reminder may say: a time, a place, a person and how to cancel; nothing clinical, ever. */
export interface AppointmentReminderFacts {
  readonly cabinetName: string;
  readonly practitionerName: string;
  /** ISO instant. */
  readonly startsAt: string;
  /** The practice's IANA time zone: the time is read on its clock. */
  readonly timeZone: string;
  readonly address: string | null;
  /** E.164. */
  readonly cabinetPhone: string | null;
}

export interface RenderedAppointmentReminder {
  readonly mail: RenderedMail;
  readonly sms: string;
}

export function renderAppointmentReminder(language: MailLanguage, facts: AppointmentReminderFacts): RenderedAppointmentReminder {
  const { appointmentReminder: words, greeting, labelled } = mailCatalog[language];
  const when = appointmentTimeInWords(language, facts.startsAt, facts.timeZone);
  const address = facts.address?.trim() || null;
  const phone = facts.cabinetPhone === null ? null : phoneAsRead(language, facts.cabinetPhone);
  const subject = words.subject(when);
  const intro = words.intro(facts.practitionerName, when);
  const cancel = phone === null ? words.cancelByContact : words.cancelByPhone(phone);
  const footer = words.footer(facts.cabinetName);

  const html = fillCompiledTemplate(
    compiledMailTemplates['appointment-reminder'],
    {
      lang: language,
      subject,
      preview: intro,
      cabinetName: facts.cabinetName,
      heading: words.heading,
      greeting,
      intro,
      whenLabel: words.whenLabel,
      when,
      practitionerLabel: words.practitionerLabel,
      practitionerName: facts.practitionerName,
      cabinetLabel: words.cabinetLabel,
      ...(address === null ? {} : { addressLabel: words.addressLabel, address }),
      cancel,
      ...(facts.cabinetPhone === null ? {} : { phoneDialled: facts.cabinetPhone, callLabel: words.callLabel }),
      footer,
    },
    { address: address !== null, phone: facts.cabinetPhone !== null },
  );
  const factLines = [
    labelled(words.whenLabel, when),
    labelled(words.practitionerLabel, facts.practitionerName),
    labelled(words.cabinetLabel, facts.cabinetName),
    ...(address === null ? [] : [labelled(words.addressLabel, oneLine(address))]),
  ];
  const text = plainText(greeting, intro, factLines.join('\n'), cancel, signedOff(footer));

  const sms = words.sms({
    when: appointmentTimeShort(language, facts.startsAt, facts.timeZone),
    practitionerName: facts.practitionerName,
    cabinetName: facts.cabinetName,
    address: address === null ? null : oneLine(address),
    phone,
  });
  return { mail: { subject, text, html }, sms };
}

/**
 * A French number as a French reader dials it (01 23 45 67 89); any other, and every number for
 * an English reader, who may be calling from abroad, in the international form (+33 1 23 45 67 89).
 */
function phoneAsRead(language: MailLanguage, e164: string): string {
  const number = parsePhoneNumberFromString(e164);
  if (!number) return e164;
  return language === 'fr' && number.country === 'FR' ? number.formatNational() : number.formatInternational();
}
