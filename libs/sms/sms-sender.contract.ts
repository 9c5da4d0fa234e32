import type { SmsSender } from './sms-sender';

export interface DeliveredSms {
  readonly to: string;
  readonly text: string;
}

export interface SmsSenderUnderTest {
  readonly sender: SmsSender;
  /** What came out so far, in the order sent (outbox files sort by reference: the specs name them in order). */
  delivered(): Promise<readonly DeliveredSms[]>;
  stop(): Promise<void>;
}

/**
 * What every SmsSender adapter promises, checked on what actually comes out of it: the number and
 * the text exactly as given, whatever alphabet the text needs and however long it is.
 */
export function smsSenderContract(adapter: string, start: () => Promise<SmsSenderUnderTest>): void {
  describe(`SmsSender contract: ${adapter}`, () => {
    let subject: SmsSenderUnderTest;

    beforeEach(async () => {
      subject = await start();
    });

    afterEach(() => subject.stop());

    it('hands over a French text in the GSM alphabet to the E.164 number, as written', async () => {
      const text = 'Rappel : rendez-vous le lundi 7 décembre à 09:30, Cabinet du Parc. Pour annuler : +33 1 23 45 67 89';
      await subject.sender.send({ to: '+33612345678', text, reference: 'sms-1' });

      expect(await subject.delivered()).toEqual([{ to: '+33612345678', text }]);
    });

    it('hands over a text outside the GSM alphabet unchanged (ç, ê, a name in Chinese)', async () => {
      const text = 'Reçu : votre séance de fête avec 王芳 est confirmée';
      await subject.sender.send({ to: '+41791234567', text, reference: 'sms-1' });

      expect(await subject.delivered()).toEqual([{ to: '+41791234567', text }]);
    });

    it('hands over a text longer than one SMS whole', async () => {
      const text = `Rappel : ${'rendez-vous demain matin au cabinet, '.repeat(9)}fin.`;
      expect(text.length).toBeGreaterThan(300);
      await subject.sender.send({ to: '+33612345678', text, reference: 'sms-1' });

      expect(await subject.delivered()).toEqual([{ to: '+33612345678', text }]);
    });

    it('hands over each message once', async () => {
      for (const n of [1, 2, 3]) await subject.sender.send({ to: `+3361234567${n}`, text: `Message ${n}`, reference: `sms-${n}` });

      expect(await subject.delivered()).toEqual([1, 2, 3].map((n) => ({ to: `+3361234567${n}`, text: `Message ${n}` })));
    });

    it('refuses a number that is not in E.164, and sends nothing', async () => {
      await expect(subject.sender.send({ to: '06 12 34 56 78', text: 'Rappel', reference: 'sms-1' })).rejects.toThrow('E.164');

      expect(await subject.delivered()).toEqual([]);
    });
  });
}
