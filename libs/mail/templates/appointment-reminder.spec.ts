import { type AppointmentReminderFacts, renderAppointmentReminder } from './appointment-reminder';
import { mailLanguages } from './mail-language';

const facts: AppointmentReminderFacts = {
  cabinetName: 'Cabinet des Lilas',
  practitionerName: 'Élodie Martin',
  startsAt: '2026-12-10T13:30:00.000Z',
  timeZone: 'Europe/Paris',
  address: '12 rue des Lilas\n75019 Paris',
  cabinetPhone: '+33123456789',
};

/** Names that break a careless template: markup, entities, quotes, accents, right-to-left and CJK scripts. */
const hostile: AppointmentReminderFacts = {
  cabinetName: '<script>alert("x")</script> & Fils',
  practitionerName: 'Zoë O\'Brien-Çelik {{cabinetName}}',
  startsAt: '2026-08-03T07:05:00.000Z',
  timeZone: 'Europe/Paris',
  address: 'شارع الحرية 5\n北京市 <b>朝阳区</b>',
  cabinetPhone: '+33612345678',
};

function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('renderAppointmentReminder', () => {
  it('says the date and time on the practice clock, French style, with practice, practitioner, address and how to cancel', () => {
    const { mail, sms } = renderAppointmentReminder('fr', facts);

    expect(mail.subject).toBe('Rappel : votre rendez-vous du jeudi 10 décembre 2026 à 14 h 30');
    expect(mail.text).toBe(
      [
        'Bonjour,',
        '',
        'Nous vous rappelons votre rendez-vous avec Élodie Martin le jeudi 10 décembre 2026 à 14 h 30.',
        '',
        'Date et heure : jeudi 10 décembre 2026 à 14 h 30',
        'Avec : Élodie Martin',
        'Cabinet : Cabinet des Lilas',
        'Adresse : 12 rue des Lilas, 75019 Paris',
        '',
        'Pour annuler ou déplacer ce rendez-vous, appelez le cabinet au 01 23 45 67 89.',
        '',
        '-- ',
        'Ce rappel vous est envoyé par Cabinet des Lilas via la plateforme Osteo, car vous avez accepté de recevoir des rappels de rendez-vous. Merci de ne pas y répondre.',
        '',
      ].join('\n'),
    );
    expect(mail.html).toContain('<html lang="fr"');
    expect(mail.html).toContain('href="tel:+33123456789"');
    expect(visibleText(mail.html)).toContain('jeudi 10 décembre 2026 à 14 h 30');
    expect(visibleText(mail.html)).toContain('12 rue des Lilas 75019 Paris');
    expect(sms).toBe('Rappel : RDV le jeudi 10/12 à 14 h 30 avec Élodie Martin, Cabinet des Lilas, 12 rue des Lilas, 75019 Paris. Pour annuler : 01 23 45 67 89');
  });

  it('says it in English on the same clock, the phone in its international form', () => {
    const { mail, sms } = renderAppointmentReminder('en', facts);

    expect(mail.subject).toBe('Reminder: your appointment on Thursday 10 December 2026 at 2:30 pm');
    expect(mail.text).toContain('Date and time: Thursday 10 December 2026 at 2:30 pm\nWith: Élodie Martin\nPractice: Cabinet des Lilas\nAddress: 12 rue des Lilas, 75019 Paris\n');
    expect(mail.text).toContain('call the practice on +33 1 23 45 67 89.');
    expect(mail.html).toContain('<html lang="en"');
    expect(sms).toBe('Reminder: appointment on Thu 10 Dec, 2:30 pm with Élodie Martin, Cabinet des Lilas, 12 rue des Lilas, 75019 Paris. To cancel, call +33 1 23 45 67 89');
  });

  it('reads the time on the practice clock, not the server one, across a change of day', () => {
    const late = { ...facts, startsAt: '2026-12-10T23:30:00.000Z', timeZone: 'America/Martinique' };
    expect(renderAppointmentReminder('fr', late).mail.subject).toBe('Rappel : votre rendez-vous du jeudi 10 décembre 2026 à 19 h 30');
    expect(renderAppointmentReminder('fr', { ...facts, startsAt: '2026-12-10T23:00:00.000Z' }).sms).toContain('vendredi 11/12 à 0 h ');
  });

  it('without an address or a phone, leaves the address out and says to contact the practice', () => {
    const { mail, sms } = renderAppointmentReminder('fr', { ...facts, address: null, cabinetPhone: null });

    expect(mail.text).not.toContain('Adresse');
    expect(mail.text).toContain('Pour annuler ou déplacer ce rendez-vous, contactez le cabinet.');
    expect(mail.html).not.toContain('Adresse');
    expect(mail.html).not.toContain('tel:');
    expect(sms).toBe('Rappel : RDV le jeudi 10/12 à 14 h 30 avec Élodie Martin, Cabinet des Lilas. Pour annuler, contactez le cabinet.');
  });

  it('keeps its fixed words in the GSM-7 alphabet, so an SMS with plain names goes as one 7-bit message', () => {
    const gsm7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà]*$/;
    for (const language of mailLanguages) {
      for (const startsAt of ['2026-08-03T07:05:00.000Z', '2026-02-14T16:00:00.000Z', '2026-12-13T09:00:00.000Z']) {
        const { sms } = renderAppointmentReminder(language, { ...facts, practitionerName: 'Paul Durand', startsAt });
        expect(sms).toMatch(gsm7);
        expect(sms.length).toBeLessThanOrEqual(160);
      }
    }
  });

  it.each(mailLanguages)('renders hostile names escaped in the HTML and whole in the text (%s)', (language) => {
    const { mail, sms } = renderAppointmentReminder(language, hostile);

    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>朝阳区</b>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Fils');
    expect(mail.html).toContain('Zoë O&#39;Brien-Çelik {{cabinetName}}');
    expect(mail.html).toContain('شارع الحرية 5<br>北京市 &lt;b&gt;朝阳区&lt;/b&gt;');
    expect(mail.html).not.toMatch(/<!--(if|end):/);
    for (const text of [mail.text, sms]) {
      expect(text).toContain('<script>alert("x")</script> & Fils');
      expect(text).toContain('Zoë O\'Brien-Çelik {{cabinetName}}');
      expect(text).toContain('شارع الحرية 5, 北京市 <b>朝阳区</b>');
    }
  });

  it('refuses an instant it cannot read rather than send a wrong date', () => {
    expect(() => renderAppointmentReminder('fr', { ...facts, startsAt: 'tomorrow' })).toThrow(RangeError);
  });
});
