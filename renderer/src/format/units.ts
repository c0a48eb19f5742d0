// Runs in the renderer (pure). Metric units are stored singular ("interaction", "seat-hour", "MB-day").

/** The unit to print after a quantity: "1 second", "2 seconds", "3 MB-days". */
export function unitLabel(unit: string, quantityText: string): string {
  if (quantityText === '1' || unit === '' || /s$/i.test(unit)) return unit;
  return `${unit}s`;
}
