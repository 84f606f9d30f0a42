import { API_PATHS } from '../../shared/demo-accounts';
import type { ConsoleActionName, ConsoleActions, ConsoleAnswer } from '../../shared/console-actions';

async function postJson(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return response.json();
}

function isAnswer(value: unknown): value is ConsoleAnswer {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ConsoleAnswer).ok === 'boolean' &&
    typeof (value as ConsoleAnswer).message === 'string'
  );
}

/** Sends one server-console action for an account to the demo server. Never throws. */
export async function sendConsoleAction<K extends ConsoleActionName>(
  accountId: string,
  action: K,
  body: ConsoleActions[K],
): Promise<ConsoleAnswer> {
  try {
    const answer = await postJson(`${API_PATHS.console}/${encodeURIComponent(accountId)}/${action}`, body);
    return isAnswer(answer) ? answer : { ok: false, message: 'The demo server gave an unexpected answer.' };
  } catch {
    return { ok: false, message: 'The demo server could not be reached.' };
  }
}

/** Takes the simulated network between this page and the services down or up. */
export async function setNetwork(online: boolean): Promise<ConsoleAnswer> {
  try {
    const answer = await postJson(API_PATHS.network, { online });
    return isAnswer(answer) ? answer : { ok: false, message: 'The demo server gave an unexpected answer.' };
  } catch {
    return { ok: false, message: 'The demo server could not be reached.' };
  }
}

/** Whether the simulated network is up (true when the server cannot say). */
export async function getNetwork(): Promise<boolean> {
  try {
    const response = await fetch(API_PATHS.network);
    const body = (await response.json()) as { online?: unknown };
    return body.online !== false;
  } catch {
    return true;
  }
}
