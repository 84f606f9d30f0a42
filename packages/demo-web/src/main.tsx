import { createRoot } from 'react-dom/client';
import { App } from './app';
import { startEngineWorker } from './engine-client/engine-client';
import { forwardPageSignals } from './engine-client/page-signals';
import './styles.css';

const client = startEngineWorker();
forwardPageSignals(client);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(<App client={client} />);
