/**
 * The caps on requests in flight, per endpoint (the governor's second condition): one FIFO
 * queue of slots per endpoint, and the count actually in flight. Caps start at the ones given
 * and only ever go down, when a 429 shows the store allows fewer at once.
 */
import type { Endpoint } from './contract';
import { Semaphore, type AcquireOptions, type Release } from './semaphore';

export class EndpointSlots {
  private readonly caps: Record<Endpoint, number>;
  private readonly slots: Record<Endpoint, Semaphore>;
  private readonly inFlight: Record<Endpoint, number> = {
    generate: 0,
    create: 0,
    list: 0,
    delete: 0,
    other: 0,
  };

  /** `caps` must already be whole numbers >= 1. */
  constructor(caps: Readonly<Record<Endpoint, number>>) {
    this.caps = { ...caps };
    this.slots = {
      generate: new Semaphore(caps.generate),
      create: new Semaphore(caps.create),
      list: new Semaphore(caps.list),
      delete: new Semaphore(caps.delete),
      other: new Semaphore(caps.other),
    };
  }

  /** Waits for a slot under the endpoint's cap (see Semaphore.acquire). */
  acquire(endpoint: Endpoint, options: AcquireOptions): Promise<Release> {
    return this.slots[endpoint].acquire(options);
  }

  /** A request on `endpoint` has been sent. */
  sent(endpoint: Endpoint): void {
    this.inFlight[endpoint]++;
  }

  /** A request on `endpoint` has its answer (or failed). */
  settled(endpoint: Endpoint): void {
    this.inFlight[endpoint]--;
  }

  /**
   * A 429 with quota left: too many requests in flight on this endpoint. The cap becomes one
   * less than what was in flight when refused (this request included); never below 1.
   */
  lowerCap(endpoint: Endpoint): void {
    const cap = Math.max(1, this.inFlight[endpoint] - 1);
    if (cap >= this.caps[endpoint]) return;
    this.caps[endpoint] = cap;
    this.slots[endpoint].setCapacity(cap);
  }

  snapshot(): { caps: Record<Endpoint, number>; inFlight: Record<Endpoint, number> } {
    return { caps: { ...this.caps }, inFlight: { ...this.inFlight } };
  }
}
