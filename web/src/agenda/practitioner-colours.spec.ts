import { contrastRatio, practitionerColours, practitionerPalette, unknownPractitionerColour } from './practitioner-colours';

describe('practitioner colours', () => {
  it('keeps white event text readable on every colour (WCAG AA, 4.5:1)', () => {
    for (const colour of [...practitionerPalette, unknownPractitionerColour]) {
      expect({ colour, ratio: contrastRatio(colour, '#ffffff') >= 4.5 }).toEqual({ colour, ratio: true });
    }
  });

  it('gives each practitioner of a cabinet a different colour, by their place in the list', () => {
    const colours = practitionerColours(['owner', 'colleague', 'substitute']);
    expect(new Set(colours.values()).size).toBe(3);
    expect(colours.get('owner')).toBe(practitionerPalette[0]);
  });

  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
