/** Per-store request counters behind Sandbox.stats(). */
import { ENDPOINT_KEYS, type EndpointKey, type EndpointStats } from './types';

function emptyEndpoint(): EndpointStats {
  return {
    requests: 0,
    maxInFlight: 0,
    status429: 0,
    status429NoHeaders: 0,
    errors500: 0,
    dropped: 0,
    redirected: 0,
  };
}

export class StatsCollector {
  perEndpoint = {} as Record<EndpointKey, EndpointStats>;
  quota429 = 0;
  concurrency429 = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    for (const k of ENDPOINT_KEYS) this.perEndpoint[k] = emptyEndpoint();
    this.quota429 = 0;
    this.concurrency429 = 0;
  }

  ep(k: EndpointKey): EndpointStats {
    return this.perEndpoint[k];
  }

  inFlight(k: EndpointKey, n: number): void {
    const e = this.perEndpoint[k];
    if (n > e.maxInFlight) e.maxInFlight = n;
  }

  snapshot(): {
    perEndpoint: Record<EndpointKey, EndpointStats>;
    quota429: number;
    concurrency429: number;
  } {
    const perEndpoint = {} as Record<EndpointKey, EndpointStats>;
    for (const k of ENDPOINT_KEYS) perEndpoint[k] = { ...this.perEndpoint[k] };
    return { perEndpoint, quota429: this.quota429, concurrency429: this.concurrency429 };
  }
}
