// Runs in the renderer. The "Start empty" path: the agency profile, then the (empty) clients list.
import { AgencyForm } from '../settings/agency-form';
import { Link } from '../../router/link';
import { Logo } from '../../app/logo';

export function OnboardingAgencyScreen({ onDone }: { onDone: () => Promise<void> }) {
  return (
    <main className="onboarding onboarding-wide">
      <div className="onboarding-card">
        <div className="onboarding-top">
          <Logo />
          <Link to={{ name: 'welcome' }} className="btn btn-ghost btn-small">
            <span aria-hidden="true">← </span>Back
          </Link>
        </div>
        <h1 className="onboarding-title">Set up your agency</h1>
        <p className="onboarding-lead">Only the name is required. Everything here can be changed later in Settings.</p>
        <AgencyForm agency={null} submitLabel="Save and continue" onSaved={() => void onDone()} />
      </div>
    </main>
  );
}
