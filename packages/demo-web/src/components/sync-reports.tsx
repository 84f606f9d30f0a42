import type { SyncReport } from '@contactsync/core';
import { clockTime } from '../model/format-time';

const OUTCOMES: Record<SyncReport['outcome'], string> = {
  ok: 'Synced',
  partial: 'Synced, with some changes refused',
  waiting: 'Waiting for the server',
  failed: 'Did not finish',
  'auth-required': 'Sign-in needed',
  forbidden: 'Not permitted',
  offline: 'Offline',
  'storage-full': 'Paused: this device is out of storage',
};

/** What the syncs this session started did: counts, merges, refusals (user messages only). */
export function SyncReports({ reports }: { readonly reports: readonly SyncReport[] }) {
  if (reports.length === 0) return null;
  return (
    <section className="reports" aria-labelledby="reports-title">
      <h3 id="reports-title">Recent syncs</h3>
      <ol className="report-list">
        {reports.map((report) => (
          <li key={`${report.startedAt}-${report.finishedAt}`} data-outcome={report.outcome}>
            <strong>
              {clockTime(report.finishedAt)} {OUTCOMES[report.outcome]}
            </strong>
            <span>
              {' '}
              received {report.pulled.added} new, {report.pulled.updated} changed, {report.pulled.removed} removed; sent{' '}
              {report.pushed.created} new, {report.pushed.updated} changed, {report.pushed.removed} removed
              {report.merged > 0 ? `; merged ${report.merged} with changes from another device` : ''}
              {report.pending > 0 ? `; ${report.pending} still pending` : ''}.
            </span>
            {report.error === null ? null : <span className="report-error"> {report.error.userMessage}</span>}
            {report.rejected.map((rejection) => (
              <span key={`${rejection.contactId}-${rejection.code}`} className="report-error">
                {' '}
                Refused: {rejection.userMessage}
              </span>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
