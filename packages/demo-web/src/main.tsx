import { createRoot } from 'react-dom/client';
import { App } from './app';
import { AppUpdates } from './engine-client/app-updates';
import { startEngineWorker } from './engine-client/engine-client';
import { forwardPageSignals } from './engine-client/page-signals';
import { applyTheme, storedTheme } from './model/theme';
import './styles.css';

applyTheme(storedTheme());

const client = startEngineWorker();
forwardPageSignals(client);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
const updates = new AppUpdates();
// Only the built app has a service worker (`sw.js` is made by the build).
if (import.meta.env.PROD) void updates.register().catch(() => undefined);
createRoot(root).render(<App client={client} updates={updates} />);
