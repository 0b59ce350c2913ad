/**
 * The mark moves only after a complete run whose output is durable (and whose checkpoint is gone:
 * a kill between the two repeats this run, cut back to the previous state, never skips it).
 */
import type { Session } from '../incremental/session.js';
import type { Summary } from '../progress/summary.js';

export async function finishIncremental(session: Session, status: Summary['status'], end: Parameters<Session['commit']>[0], reporter: { warn(text: string): void }): Promise<void> {
  if (status !== 'complete') {
    reporter.warn(`the incremental mark did not move (${session.path}): the next --incremental run exports these records again`);
    return;
  }
  if (await session.commit(end)) {
    reporter.warn(`incremental state reached its cap of keys (incremental.max_keys): the lookback window now starts later, so a record arriving late below it is missed (${session.path})`);
  }
}
