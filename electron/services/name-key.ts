// Runs in main. Canonical form of a name for uniqueness: case-, accent-width- and whitespace-insensitive.
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
}
