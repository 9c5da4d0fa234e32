import { IsOptional, validateSync } from 'class-validator';
import { FREE_TEXT_PATTERN, IsFreeText, IsPrintableName, PRINTABLE_NAME_PATTERN } from './printable-text';

class Named {
  @IsPrintableName()
  readonly name!: unknown;

  @IsOptional()
  @IsFreeText()
  readonly notes?: unknown;
}

const refusedFields = (name: unknown, notes?: unknown): string[] =>
  validateSync(Object.assign(new Named(), { name, notes })).map((error) => error.property);

describe('IsPrintableName', () => {
  it.each([
    ['plain', 'Claire Martin'],
    ['accents, apostrophe and hyphen', 'N’Diaye-Lefèvre Zoé'],
    ['another script', 'Алексей Дмитриевич'],
    ['an emoji (a surrogate pair)', 'Cabinet 🌿'],
    ['a non-breaking space inside', 'Dr\u00A0Martin'],
    ['surrounding spaces (kept: trimming is not validation)', '  Martin  '],
    ['one visible character', 'M'],
  ])('accepts %s', (_case, name) => {
    expect(refusedFields(name)).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '     '],
    ['only invisible characters', '\u00A0\u200B\u3000\uFEFF'],
    ['a newline', 'Claire\nMartin'],
    ['a carriage return', 'Claire\rMartin'],
    ['a tab', 'Claire\tMartin'],
    ['NUL', 'Claire\u0000'],
    ['DEL', 'Claire\u007F'],
    ['a C1 control', 'Claire\u0085'],
    ['a line separator', 'Claire\u2028Martin'],
    ['a right-to-left override', 'Claire \u202Enitram'],
    ['a left-to-right embedding', '\u202AClaire'],
    ['an isolate', 'Claire \u2066x\u2069'],
    ['not a string', 42],
  ])('refuses %s', (_case, name) => {
    expect(refusedFields(name)).toEqual(['name']);
  });

  it('decides names as long as a body may be, refused at their very end (no quadratic backtracking)', () => {
    expect(PRINTABLE_NAME_PATTERN.test(`${'a'.repeat(60_000)}\n`)).toBe(false);
    expect(PRINTABLE_NAME_PATTERN.test(' '.repeat(60_000))).toBe(false);
    expect(PRINTABLE_NAME_PATTERN.test(`${' '.repeat(30_000)}a${' '.repeat(30_000)}`)).toBe(true);
  });
});

describe('IsFreeText', () => {
  it('accepts several lines, indentation and bidirectional text, and refuses NUL and other controls', () => {
    expect(refusedFields('Name', 'Lombalgie.\r\n\tSuivi dans 3 semaines.\n\u202Bعربى\u202C')).toEqual([]);
    for (const control of ['\u0000', '\u0007', '\u000B', '\u001B', '\u007F']) expect(refusedFields('Name', `note${control}`)).toEqual(['notes']);
    expect(FREE_TEXT_PATTERN.test('')).toBe(true);
  });
});
