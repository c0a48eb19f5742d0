// Runs in the renderer. The root: asks app.info, then shows onboarding or the app shell.
// Sets body[data-app-ready="true"] once app.info has answered (end-to-end tests wait on it).
import { useEffect } from 'react';
import { useQuery } from '../api';
import { navigate, useRoute } from '../router/use-route';
import { OnboardingAgencyScreen } from '../screens/welcome/onboarding-agency-screen';
import { WelcomeScreen } from '../screens/welcome/welcome-screen';
import { beginSetup, SetupScreen } from '../screens/welcome/setup-screen';
import { AgencyProvider } from './agency-context';
import { AppShell } from './app-shell';
import { StartupError, StartupLoading } from './startup-screens';

export function App() {
  const route = useRoute();
  const info = useQuery('app.info', {}, { tables: ['agency'] });
  const ready = info.data !== null;

  useEffect(() => {
    if (ready) document.body.dataset.appReady = 'true';
  }, [ready]);

  if (!info.data) {
    if (info.error) return <StartupError error={info.error} retrying={info.loading} onRetry={() => void info.reload()} />;
    return <StartupLoading />;
  }

  if (!info.data.onboarded) {
    const finish = async () => {
      await info.reload();
      navigate({ name: 'dashboard' });
    };
    // "Start empty": after the agency profile, the walkthrough (first provider account, client, plan).
    const toSetup = async () => {
      beginSetup();
      await info.reload();
      navigate({ name: 'welcome-setup' });
    };
    return route.name === 'welcome-agency' ? <OnboardingAgencyScreen onDone={toSetup} /> : <WelcomeScreen onDone={finish} />;
  }

  if (route.name === 'welcome-setup') {
    return (
      <AgencyProvider>
        <SetupScreen />
      </AgencyProvider>
    );
  }

  return (
    <AgencyProvider>
      <AppShell route={route} info={info.data} />
    </AgencyProvider>
  );
}
