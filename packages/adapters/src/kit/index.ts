/** The adapter kit: what every service adapter shares (transport, Retry-After, status tables). */
export { createStreamingTransport, createTransport, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS } from './transport.js';
export type {
  ExchangeRecord,
  FailureKey,
  FailureVocabulary,
  FetchLike,
  HttpRequest,
  HttpResponse,
  Send,
  SendStreaming,
  StreamingResponse,
  TransportOptions,
  TransportTimers,
  TransportTuning,
} from './transport.js';
export { classifyNetworkError } from './network-failure.js';
export type { NetworkFailure, NetworkProblem } from './network-failure.js';
export { retryAfterMs } from './retry-after.js';
export { redactUrl } from './redact-url.js';
export { statusTable } from './status-table.js';
export type { Handlers, StatusRow, StatusTable, StatusTableSpec } from './status-table.js';
export { FIRST_PAGE, LATER_PAGE, PagedBody, readAll } from './paged-body.js';
export type { BodyDecoder, BodyPage, PagedBodyFailures } from './paged-body.js';
export { StreamedSnapshots } from './streamed-snapshot.js';
export { XmlSplitter } from './xml-splitter.js';
export type { OpenedTag, SplitResult, SplitRules } from './xml-splitter.js';
export { JsonSplitter } from './json-splitter.js';
export type { JsonPiece, JsonSplit } from './json-splitter.js';
