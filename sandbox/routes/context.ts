/** What an API route handler gets, and its signature. */
import type { Reply } from '../http';
import type { StoreData } from '../store';
import type { LimitsProfile } from '../types';

export interface ApiRequest {
  store: StoreData;
  /** Path parameters, raw (not yet validated). */
  params: Record<string, string>;
  query: URLSearchParams;
  body: Buffer;
  now: number;
  rng: () => number;
  limits: LimitsProfile;
  /** Codes customers redeem on each page of codes just before it is read (0: none). */
  redeemOnList: number;
}

export type Handler = (r: ApiRequest) => Reply;
