// Runs in the renderer. A one-shot message carried across a navigation ("Plan created" after the editor
// moves from #/plans/new to #/plans/<id>, "Plan deleted" on the list). Read it while rendering with
// `peekFlash`, drop it from an effect with `clearFlash` (StrictMode may render twice).
let pending: { key: string; message: string } | null = null;

export function setFlash(key: string, message: string): void {
  pending = { key, message };
}

export function peekFlash(key: string): string | null {
  return pending && pending.key === key ? pending.message : null;
}

export function clearFlash(key: string): void {
  if (pending?.key === key) pending = null;
}
