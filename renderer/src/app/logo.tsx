// Runs in the renderer. The Meterbook mark: a gauge needle over a ledger line.
export function Logo({ withName = true }: { withName?: boolean }) {
  return (
    <span className="logo">
      <svg className="logo-mark" width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <rect width="24" height="24" rx="6" fill="currentColor" />
        <path d="M6 16a6 6 0 0 1 12 0" className="logo-stroke" strokeWidth="1.8" strokeLinecap="round" />
        <path d="M12 16l3.2-4.2" className="logo-stroke" strokeWidth="1.8" strokeLinecap="round" />
        <circle cx="12" cy="16" r="1.4" className="logo-fill" />
      </svg>
      {withName ? <span className="logo-name">Meterbook</span> : null}
    </span>
  );
}
