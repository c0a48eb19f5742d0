// Runs in the renderer. Entry point: theme first (no flash), then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Global styles first, so each screen's own stylesheet (imported by the screen) comes after them.
import './styles/tokens.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/components.css';
import './styles/forms.css';
import './styles/table.css';
import { App } from './app/app';
import { initTheme } from './theme/theme-switcher';

initTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
