// Runs anywhere. Folds text for search: case-, accent- and width-insensitive, so "lodz" and "ŁÓDŹ" find "Łódź".

const SPECIAL: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', ħ: 'h', ŧ: 't' };

export function searchFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en-US')
    .replace(/[łøđðþßæœıħŧ]/g, (c) => SPECIAL[c] ?? c);
}
