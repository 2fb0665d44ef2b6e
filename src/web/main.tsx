import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installAccessibleNames } from './components/a11y';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// Names for unlabelled controls and keyboard reach for scrolling tables, app-wide (see components/a11y.ts).
installAccessibleNames();
