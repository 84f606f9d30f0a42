/**
 * A service's status-to-outcome table, written as data. Each listed status decides something for
 * every role a request can play (a read, a create, an update, a delete...), so a status is never
 * "documentation only": the table is what the code does. A row is either one decision for every
 * role or one per role, and the types make both exhaustive: a row that forgets a role, or handlers
 * that forget a decision, do not compile.
 */

export type StatusRow<Role extends string, Decision extends string> = Decision | { readonly [R in Role]: Decision };

export interface StatusTableSpec<Role extends string, Decision extends string> {
  readonly roles: readonly Role[];
  /** Every decision a row may name; each needs a handler in `dispatch`. */
  readonly decisions: readonly Decision[];
  readonly rows: { readonly [status: number]: StatusRow<NoInfer<Role>, NoInfer<Decision>> };
  /** The decision for a status the table does not list (502, 418, ...). */
  readonly otherwise: NoInfer<Decision>;
}

export type Handlers<Decision extends string, Context, Out> = { readonly [D in Decision]: (context: Context) => Out };

export interface StatusTable<Role extends string, Decision extends string> {
  /** The listed statuses, ascending. */
  readonly statuses: readonly number[];
  decide(status: number, role: Role): Decision;
  /** Whether the table lists `status` (anything else is decided by `otherwise`). */
  lists(status: number): boolean;
  /**
   * The decision `status` gets whatever the role (unlisted statuses get `otherwise`), or null when
   * it depends on the role: for code that must act on a status before knowing what the request was.
   */
  uniform(status: number): Decision | null;
  /** A function applying `handlers` to the decision for (status, role): one handler per decision. */
  dispatch<Context, Out>(handlers: Handlers<Decision, Context, Out>): (status: number, role: Role, context: Context) => Out;
}

export function statusTable<const Role extends string, const Decision extends string>(
  spec: StatusTableSpec<Role, Decision>,
): StatusTable<Role, Decision> {
  const rows = new Map<number, StatusRow<Role, Decision>>();
  for (const [key, row] of Object.entries(spec.rows) as [string, StatusRow<Role, Decision>][]) {
    const status = Number(key);
    if (!Number.isInteger(status) || status < 100 || status > 599) throw new RangeError(`status table: ${key} is not an HTTP status`);
    if (typeof row !== 'string') {
      const missing = spec.roles.filter((role) => !Object.hasOwn(row, role));
      if (missing.length > 0) throw new RangeError(`status table: ${status} decides nothing for ${missing.join(', ')}`);
    }
    const named = typeof row === 'string' ? [row] : Object.values<Decision>(row);
    const unknown = named.filter((d) => !spec.decisions.includes(d));
    if (unknown.length > 0) throw new RangeError(`status table: ${status} names unknown decisions ${unknown.join(', ')}`);
    rows.set(status, row);
  }
  const decide = (status: number, role: Role): Decision => {
    const row = rows.get(status);
    if (row === undefined) return spec.otherwise;
    return typeof row === 'string' ? row : row[role];
  };
  return {
    statuses: [...rows.keys()].sort((a, b) => a - b),
    decide,
    lists: (status) => rows.has(status),
    uniform: (status) => {
      const decisions = new Set(spec.roles.map((role) => decide(status, role)));
      return decisions.size === 1 ? ([...decisions][0] ?? null) : null;
    },
    dispatch: (handlers) => (status, role, context) => handlers[decide(status, role)](context),
  };
}
