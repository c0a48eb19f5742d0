// Runs in the renderer. What the provider charges the agency, read-only for now (pricing adds editing).
export function RateCardSection({ config }: { config: Record<string, unknown> }) {
  const card = config.rateCard;
  return (
    <section className="card" aria-labelledby="rate-card-title">
      <div className="card-header">
        <h2 id="rate-card-title" className="card-title">
          Rate card
        </h2>
        <span className="card-meta">What this provider charges you, per metric</span>
      </div>
      <div className="card-body">
        {card === undefined || card === null ? (
          <p className="muted">No rate card. Provider costs come from the provider’s own figures on each usage event.</p>
        ) : (
          <pre className="json-view" tabIndex={0} aria-label="Rate card (JSON)">
            {JSON.stringify(card, null, 2)}
          </pre>
        )}
      </div>
    </section>
  );
}
