import { centsToInput, formatCents, parseEuros } from './money';

const nbsp = /[\u00a0\u202f]/g;

describe('money as a French cabinet reads and types it', () => {
  it('formats cents in French with a comma and a space between thousands', () => {
    expect(formatCents(123456, 'fr').replace(nbsp, ' ')).toBe('1 234,56 €');
    expect(formatCents(5, 'fr').replace(nbsp, ' ')).toBe('0,05 €');
  });

  it('formats cents in English with the euro sign first', () => {
    expect(formatCents(123456, 'en')).toBe('€1,234.56');
  });

  it.each([
    ['45', 4500],
    ['45,5', 4550],
    ['45.50', 4550],
    ['1 234,56', 123456],
    ['1\u202f234,56 €', 123456],
    ['0,01', 1],
  ])('reads %j as %i cents', (typed, cents) => {
    expect(parseEuros(typed)).toBe(cents);
  });

  it.each(['', '-5', '4,567', 'abc', '12,', '1e3', '1.234,56'])('refuses %j', (typed) => {
    expect(parseEuros(typed)).toBeUndefined();
  });

  it('writes cents back into a field in the reader\'s decimal separator', () => {
    expect(centsToInput(123456, 'fr')).toBe('1234,56');
    expect(centsToInput(4505, 'en')).toBe('45.05');
  });
});
