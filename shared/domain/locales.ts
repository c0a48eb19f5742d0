// Runs anywhere. No Node, no DOM.

/** True when `tag` is a well-formed BCP 47 locale tag Intl accepts ("en-US", "de-DE"). */
export function isLocaleTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
