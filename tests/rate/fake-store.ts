/**
 * A model of one BigCommerce store's limits for governor tests, on the (fake) global clock:
 *  - a quota of `quota` requests per window of `windowMs`, shared with "other apps";
 *  - a cap on requests in flight per endpoint;
 *  - rate-limit headers on every response, taken either when the request is admitted or when
 *    the response is made (real gateways differ; the sandbox does the latter);
 *  - windows either fixed (k x windowMs) or opened by the first request after the last one
 *    expired (as the sandbox does).
 * It records what a referee needs: admitted requests per window, the most in flight, 429s.
 */
import type { Endpoint } from '../../utils/rate/contract';

export interface FakeStoreOptions {
  quota: number;
  windowMs: number;
  caps?: Partial<Record<Endpoint, number>>;
  latencyMs?: (endpoint: Endpoint) => number;
  headersAt?: 'admission' | 'response';
  windows?: 'fixed' | 'first-request';
  /** Requests other apps spend at the opening of each window. */
  otherAppsPerWindow?: number;
}

export class FakeStore {
  readonly admittedPerWindow = new Map<number, number>();
  readonly maxInFlight: Record<Endpoint, number> = {
    generate: 0,
    create: 0,
    list: 0,
    delete: 0,
    other: 0,
  };
  readonly inFlight: Record<Endpoint, number> = {
    generate: 0,
    create: 0,
    list: 0,
    delete: 0,
    other: 0,
  };
  quota429 = 0;
  concurrency429 = 0;
  admitted = 0;
  private windowStart = -Infinity;
  private used = 0;

  constructor(private readonly opts: FakeStoreOptions) {}

  /** An attempt function for governor.run. */
  attempt(endpoint: Endpoint): (signal: AbortSignal) => Promise<Response> {
    return (signal) => this.handle(endpoint, signal);
  }

  private roll(now: number): void {
    const { windowMs } = this.opts;
    if (now < this.windowStart + windowMs) return;
    this.windowStart = this.opts.windows === 'fixed' ? Math.floor(now / windowMs) * windowMs : now;
    this.used = this.opts.otherAppsPerWindow ?? 0;
  }

  private headers(now: number): Record<string, string> {
    this.roll(now);
    return {
      'X-Rate-Limit-Time-Window-Ms': String(this.opts.windowMs),
      'X-Rate-Limit-Time-Reset-Ms': String(
        Math.max(0, Math.ceil(this.windowStart + this.opts.windowMs - now)),
      ),
      'X-Rate-Limit-Requests-Quota': String(this.opts.quota),
      'X-Rate-Limit-Requests-Left': String(Math.max(0, this.opts.quota - this.used)),
    };
  }

  private async handle(endpoint: Endpoint, signal: AbortSignal): Promise<Response> {
    const now = Date.now();
    this.roll(now);
    if (this.used >= this.opts.quota) {
      this.quota429++;
      return new Response(null, { status: 429, headers: this.headers(now) });
    }
    const cap = this.opts.caps?.[endpoint] ?? Infinity;
    if (this.inFlight[endpoint] >= cap) {
      this.concurrency429++;
      return new Response(null, { status: 429, headers: this.headers(now) });
    }
    this.used++;
    this.admitted++;
    this.admittedPerWindow.set(
      this.windowStart,
      (this.admittedPerWindow.get(this.windowStart) ?? 0) + 1,
    );
    this.inFlight[endpoint]++;
    this.maxInFlight[endpoint] = Math.max(this.maxInFlight[endpoint], this.inFlight[endpoint]);
    const early = this.opts.headersAt === 'admission' ? this.headers(now) : null;
    try {
      await delay(this.opts.latencyMs?.(endpoint) ?? 0, signal);
    } finally {
      this.inFlight[endpoint]--;
    }
    return new Response(null, { status: 200, headers: early ?? this.headers(Date.now()) });
  }

  /** Most requests we got admitted in any one window. */
  maxPerWindow(): number {
    return Math.max(0, ...this.admittedPerWindow.values());
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const id = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(id);
      reject(signal.reason);
    });
  });
}
