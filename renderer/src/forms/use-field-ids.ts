// Runs in the renderer. Unique, stable element ids for a form's fields, derived from contract paths.
import { useCallback, useId } from 'react';

export function useFieldIds(): (path: string) => string {
  const prefix = useId().replace(/[^A-Za-z0-9_-]/g, '');
  return useCallback((path: string) => `f${prefix}-${path.replace(/\./g, '-')}`, [prefix]);
}
