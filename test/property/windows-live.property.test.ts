import { describeConvergence } from './describe-convergence.js';
import { windowsLiveBackend } from './windows-live-backend.js';

describeConvergence('Windows Live', windowsLiveBackend);
