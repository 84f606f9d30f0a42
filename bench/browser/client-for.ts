export { clientProvider as clientFor } from '../src/providers/client-providers.js';
