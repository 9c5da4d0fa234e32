import type { CheckpointStore } from './checkpoint-store';

/**
 * The one contract of the CheckpointStore port, run against every adapter. `open` returns a
 * store that may already hold checkpoints of earlier tests, so every test uses its own names.
 */
export function describeCheckpointStoreContract(
  name: string,
  open: () => Promise<CheckpointStore>,
): void {
  describe(`${name} — CheckpointStore contract`, () => {
    let testNumber = 0;
    const uniqueName = (label: string): string => `${label}-${Date.now()}-${++testNumber}`;

    it('loads null for a subscriber that never saved a checkpoint', async () => {
      const store = await open();

      expect(await store.load(uniqueName('never-saved'))).toBeNull();
    });

    it('loads the position saved last, per subscriber name', async () => {
      const store = await open();
      const publisher = uniqueName('publisher');
      const projection = uniqueName('projection');

      await store.save(publisher, '7');
      await store.save(projection, '3');
      await store.save(publisher, '12');

      expect(await store.load(publisher)).toBe('12');
      expect(await store.load(projection)).toBe('3');
    });

    it('keeps positions verbatim, whatever their adapter-specific shape', async () => {
      const store = await open();
      const subscriber = uniqueName('subscriber');
      const eventStoreDbPosition = '00000000000000001234/00000000000000001200';

      await store.save(subscriber, eventStoreDbPosition);

      expect(await store.load(subscriber)).toBe(eventStoreDbPosition);
    });
  });
}
