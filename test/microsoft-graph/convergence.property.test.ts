import { describeConvergence } from '../property/describe-convergence.js';
import { graphBackend } from './graph-backend.js';

/**
 * The convergence property (test/property) for Graph: the shared model and commands, fixed seed in
 * the normal run, random under `pnpm test:soak`. A phone edit takes a type Graph still has room for
 * (its model: work 2, home 2, mobile 1), as a form would; 60 runs here, since each Graph run makes
 * more requests ($batch answers are read back).
 */
describeConvergence('Microsoft Graph', graphBackend, [], 60);
