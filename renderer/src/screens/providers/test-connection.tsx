// Runs in the renderer. The inline answer of "Test connection": a status when it worked, an alert when not.
import type { CommandError } from '../../../../shared/contract/result';

export type TestResult = { ok: boolean; message: string } | { ok: false; error: CommandError };

export function TestConnectionResult({ result, onDismiss }: { result: TestResult; onDismiss: () => void }) {
  const message = 'error' in result ? result.error.message : result.message;
  return (
    <div className={`notice ${result.ok ? 'notice-success' : 'notice-error'}`} role={result.ok ? 'status' : 'alert'}>
      <div>
        <p className="notice-title">{result.ok ? 'Connection works' : 'Connection failed'}</p>
        <p>{message}</p>
      </div>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
