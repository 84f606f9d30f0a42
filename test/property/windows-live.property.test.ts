import { describeConvergence } from './describe-convergence.js';
import { windowsLiveBackend } from './windows-live-backend.js';

const SLOT_MERGE = 'two devices change one email slot; the merge must not make two personal emails';

describeConvergence('Windows Live', windowsLiveBackend, [
  { seed: 665_074_389, path: '61:1:1:3:4:9:14:13:14:15:15:15:15:15:16:18:18:18', why: SLOT_MERGE },
  { seed: 20_260_101, path: '1333', why: SLOT_MERGE },
  { seed: 20_260_103, path: '980', why: SLOT_MERGE },
  { seed: 20_260_103, path: '1434', why: SLOT_MERGE },
  { seed: 20_260_103, path: '2158', why: SLOT_MERGE },
]);
