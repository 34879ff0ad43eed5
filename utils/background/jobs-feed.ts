/**
 * Open UIs follow the jobs on a runtime Port. Only our own contexts may connect; a control
 * panel page hears only its own store's jobs.
 */
import type { Runtime } from 'webextension-polyfill';
import type { JobView } from '../jobs/types';
import { JOBS_PORT, type JobsFeedMessage } from '../messages';
import { classifySender, storeOfSender } from '../messages/sender';

export function createJobsFeed(o: {
  extensionId: string;
  extensionOrigin: string;
  list(): Promise<JobView[]>;
}) {
  /** Open UIs and, for a control-panel page, the one store it may see. */
  const ports = new Map<Runtime.Port, string | null>();

  function post(port: Runtime.Port, jobs: JobView[]) {
    const store = ports.get(port);
    const msg: JobsFeedMessage = {
      type: 'jobs',
      jobs: store ? jobs.filter((j) => j.storeHash === store) : jobs,
    };
    try {
      port.postMessage(msg);
    } catch {
      ports.delete(port);
    }
  }

  return {
    /** A UI connecting: accepted (and sent the list) or turned away. */
    connect(port: Runtime.Port): void {
      const context = classifySender(port.sender ?? {}, o.extensionId, o.extensionOrigin);
      if (port.name !== JOBS_PORT || context === 'untrusted') {
        port.disconnect();
        return;
      }
      ports.set(port, context === 'content-script' ? storeOfSender(port.sender ?? {}) : null);
      port.onDisconnect.addListener(() => ports.delete(port));
      void o.list().then((jobs) => post(port, jobs));
    },
    broadcast(jobs: JobView[]): void {
      for (const port of ports.keys()) post(port, jobs);
    },
  };
}
