import { displayNameProblem } from './display-name-rules';

describe('display name rules', () => {
  it('accepts a name as people write it, accents, apostrophes and hyphens included', () => {
    for (const name of ['Sophie Lambert', "Dr Anne-Laure N'Diaye", 'Élodie Lefèvre', '  Hugo  ']) expect(displayNameProblem(name)).toBeNull();
  });

  it('refuses what the API refuses: blank, too long, control or bidirectional-control characters', () => {
    expect(displayNameProblem('')).toBe('required');
    expect(displayNameProblem(' \u00A0 ')).toBe('required');
    expect(displayNameProblem('S'.repeat(121))).toBe('tooLong');
    expect(displayNameProblem('Sophie\nLambert')).toBe('invalid');
    expect(displayNameProblem('Sophie \u202Etrebmal')).toBe('invalid');
    expect(displayNameProblem('\u200B')).toBe('invalid');
  });
});
