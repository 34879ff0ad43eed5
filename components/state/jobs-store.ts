/** Jobs as the background last told them (the jobs port feeds this store; nothing else writes it). */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { JobView } from '@/utils/jobs/types';
import type { FeedState, UiBridge } from '@/utils/ui/bridge';

interface JobsState {
  jobs: JobView[];
  /** True once the first list has arrived. */
  loaded: boolean;
  feed: FeedState;
}

export type JobsStore = StoreApi<JobsState>;

export function createJobsStore(): JobsStore {
  return createStore<JobsState>()(() => ({ jobs: [], loaded: false, feed: 'connecting' }));
}

/** Connects the store to the bridge's jobs feed; returns the function that stops it. */
export function feedJobs(bridge: UiBridge, store: JobsStore): () => void {
  return bridge.watchJobs(
    (jobs) => store.setState({ jobs, loaded: true }),
    (feed) => store.setState({ feed }),
  );
}
