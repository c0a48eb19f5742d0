import { describe, expect, it } from 'vitest';
import { searchFold } from './search-fold';

describe('searchFold', () => {
  it.each([
    ['Zoë Łódź Dental', 'zoe lodz dental'],
    ['ŁÓDŹ', 'lodz'],
    ['Straße', 'strasse'],
    ['Ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
    ['Ærøskøbing', 'aeroskobing'],
    ['100% Fitness', '100% fitness'],
  ])('%s -> %s', (input, folded) => expect(searchFold(input)).toBe(folded));
});
