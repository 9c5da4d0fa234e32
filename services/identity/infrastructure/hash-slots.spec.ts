import { HashSlots } from './argon2-password-hasher';

describe('HashSlots', () => {
  /** A piece of work that stays running until the test lets it finish. */
  function heldWork(log: string[], name: string) {
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    return {
      run: async () => {
        log.push(`start ${name}`);
        await done;
        log.push(`end ${name}`);
        return name;
      },
      finish: () => finish(),
    };
  }

  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('runs no more than its size at once, the others in arrival order as slots free up', async () => {
    const slots = new HashSlots(2);
    const log: string[] = [];
    const works = ['a', 'b', 'c', 'd'].map((name) => heldWork(log, name));
    const results = works.map((work) => slots.run(work.run));
    await settle();
    expect(log).toEqual(['start a', 'start b']);

    works[1].finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);

    works[0].finish();
    works[2].finish();
    works[3].finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(log.filter((line) => line.startsWith('start'))).toEqual(['start a', 'start b', 'start c', 'start d']);
  });

  it('gives its slot back when the work fails', async () => {
    const slots = new HashSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('malformed hash')))).rejects.toThrow('malformed hash');
    expect(await slots.run(async () => 'next')).toBe('next');
  });
});
