import { describeConvergence } from './describe-convergence.js';
import { yahooBackend } from './yahoo-backend.js';

describeConvergence('Yahoo XML', () => yahooBackend('xml'));
describeConvergence('Yahoo JSON', () => yahooBackend('json'));
