import { normalisePetName, PET_NAME_PATTERN } from '../../../functions/pets/domain/pet-name';

const decomposedZoe = 'Zoe\u0308';
const composedZoe = 'Zo\u00eb';

describe('pet names', () => {
  test('normalising composes a decomposed Zoë into the one-code-point Zoë', () => {
    const name = normalisePetName(decomposedZoe);

    expect({ name, length: name.length }).toEqual({ name: composedZoe, length: 3 });
  });

  test.each([
    ['Hindi with vowel signs', 'मोती'],
    ['Thai with tone and vowel marks', 'ข้าว'],
    ['a decomposed Zoë, normalised', normalisePetName(decomposedZoe)],
    ['a decomposed Zoë as sent', decomposedZoe],
    ['letters, digits and the allowed signs', "Mochi_2 O'Neil-Jr"],
    ['one letter', 'M'],
  ])('accepts %s', (_what, name) => {
    expect(PET_NAME_PATTERN.test(name)).toBe(true);
  });

  test.each([
    ['markup', '<script>'],
    ['a name that starts with a combining mark', '\u0301abc'],
    ['an emoji', 'Mochi 🐶'],
    ['a line break', 'Mo\nchi'],
    ['a name that starts with a tab', '\tMochi'],
    ['a name that starts with a space', ' Mochi'],
    ['a name that ends with a space', 'Mochi '],
    ['only spaces', '   '],
  ])('refuses %s', (_what, name) => {
    expect(PET_NAME_PATTERN.test(name)).toBe(false);
  });
});
