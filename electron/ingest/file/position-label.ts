// Runs in main. How a row is named in every reason: "Row 12" in a CSV file (spreadsheet rows), "Line 12" in a JSON-lines file.
import type { ImportMapping } from '../../../shared/domain/import-mapping';

export function positionLabel(format: ImportMapping['format'], position: number): string {
  return `${format === 'csv' ? 'Row' : 'Line'} ${position}`;
}
