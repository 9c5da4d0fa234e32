import { randomUUID } from 'node:crypto';
import type { SubjectKeyStore } from './subject-key-store';

/**
 * The one contract of the SubjectKeyStore port, run against every adapter. `open` returns a new
 * connection to one shared store on every call (two calls are two processes), which may hold
 * keys of earlier tests: every test uses subjects of its own.
 */
export function describeSubjectKeyStoreContract(name: string, open: () => Promise<SubjectKeyStore>): void {
  describe(`${name} — SubjectKeyStore contract`, () => {
    const opened: SubjectKeyStore[] = [];
    const openStore = async (): Promise<SubjectKeyStore> => {
      const store = await open();
      opened.push(store);
      return store;
    };
    afterAll(async () => {
      await Promise.all(opened.map((store) => store.close()));
    });

    it('given no key for a subject, when asked for its key, then a 256-bit key is made once and the same is given every time', async () => {
      const store = await openStore();
      const subject = `patient-${randomUUID()}`;

      expect(await store.existingKeyFor(subject)).toBeNull();
      const key = await store.keyFor(subject);

      expect(key).toHaveLength(32);
      expect(await store.keyFor(subject)).toEqual(key);
      expect(await store.existingKeyFor(subject)).toEqual(key);
      expect(await (await openStore()).existingKeyFor(subject)).toEqual(key);
    });

    it('gives each subject a key of its own', async () => {
      const store = await openStore();

      expect(await store.keyFor(`patient-${randomUUID()}`)).not.toEqual(await store.keyFor(`patient-${randomUUID()}`));
    });

    it('given two connections asking for a first key at once, then both get the same key', async () => {
      const [first, second] = [await openStore(), await openStore()];
      const subject = `patient-${randomUUID()}`;

      const [one, other] = await Promise.all([first.keyFor(subject), second.keyFor(subject)]);

      expect(one).toEqual(other);
    });

    it('given an erased subject, then it has no key, and none is ever made again', async () => {
      const store = await openStore();
      const subject = `patient-${randomUUID()}`;
      await store.keyFor(subject);

      await store.erase(subject);

      expect(await store.existingKeyFor(subject)).toBeNull();
      expect(await store.keyFor(subject)).toBeNull();
      expect(await (await openStore()).keyFor(subject)).toBeNull();
    });

    it('erases a subject that never had a key, and erases twice without error', async () => {
      const store = await openStore();
      const subject = `patient-${randomUUID()}`;

      await store.erase(subject);
      await store.erase(subject);

      expect(await store.keyFor(subject)).toBeNull();
    });

    it('erasing one subject leaves the others their keys', async () => {
      const store = await openStore();
      const [erased, kept] = [`patient-${randomUUID()}`, `patient-${randomUUID()}`];
      await store.keyFor(erased);
      const keptKey = await store.keyFor(kept);

      await store.erase(erased);

      expect(await store.existingKeyFor(kept)).toEqual(keptKey);
    });
  });
}
