export { microsoftGraph } from './client.js';
export type { MicrosoftGraphOptions } from './client.js';
export { GRAPH_FIELD_MODEL } from './field-model.js';
