/** One answer of the emulated service, before it is written, dropped, or put into a batch answer. */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON value; undefined for no body. */
  readonly json?: unknown;
}

/** A request as the routes see it (a top-level one, or an item of a `$batch`). */
export interface GraphCall {
  readonly method: string;
  /** The path below the service root, e.g. `/me/contacts/{id}`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
}

export const json = (status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): Reply => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  json: value,
});

export const errorReply = (status: number, code: string, message: string, headers: Readonly<Record<string, string>> = {}): Reply =>
  json(status, { error: { code, message } }, headers);

export const noContent = (): Reply => ({ status: 204, headers: {} });
