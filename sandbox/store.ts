/**
 * One fake store's data: promotions, coupon codes, and code generation.
 * Codes live in a dense array indexed by id (ids are handed out 1, 2, 3...),
 * a map keyed by upper-cased code (store-wide uniqueness, case-insensitive like
 * BigCommerce's checkout), and one SortedIds per promotion for cursor seeks.
 */
import { hashString, mulberry32, pick } from './rng';
import { SortedIds } from './sorted-ids';
import type { CodeView, LimitsProfile, Plan, SeededPromotions } from './types';

export type RedemptionType = 'AUTOMATIC' | 'COUPON';
export type CouponType = 'SINGLE' | 'BULK';

export interface Promotion {
  id: number;
  name: string;
  redemptionType: RedemptionType;
  couponType?: CouponType;
  status: 'ENABLED' | 'DISABLED';
  startDate: string;
  currentUses: number;
  codeIds: SortedIds;
}

export interface Code {
  id: number;
  code: string;
  promotionId: number;
  currentUses: number;
  maxUses: number;
  maxUsesPerCustomer: number;
  createdMs: number;
  /** When (StoreData.tick) a list answer last showed it, and when a customer last redeemed it. */
  listedAt: number;
  redeemedAt: number;
}

/** Codes deleted through the API, and how many of them were in use at that moment. */
export interface DeleteTally {
  codes: number;
  /** current_uses > 0 when its DELETE ran. */
  usedAtDelete: number;
  /** Of those, redeemed after a list answer last showed it: no client could have seen that use. */
  redeemedSinceListed: number;
}

export interface CodegenParams {
  batchSize: number;
  maxUses: number;
  maxUsesPerCustomer: number;
  prefix: string;
  suffix: string;
  delimiter: string;
  alphabet: string;
  codeLength: number;
}

export const FULL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** Seeded data is dated to a fixed moment so that it is the same on every run. */
const SEED_EPOCH_MS = Date.UTC(2026, 2, 1, 9, 0, 0);
const SEED_START_DATE = '2026-03-01T00:00:00+00:00';
/** Attempts per code before a batch is declared impossible to make unique. */
const UNIQUE_ATTEMPTS = 64;

export const SEEDED_IDS: SeededPromotions = { bulk: 1, bulkEmpty: 2, single: 3, automatic: 4 };
/** Extra bulk promotions (seed option `bulkPromotions`) take ids from here on. */
export const FIRST_EXTRA_ID = 5;
/** Their names: a theme and a year ("Black Friday 2024 — bulk codes"), so filters find a few. */
const THEMES = [
  'Black Friday',
  'Cyber Monday',
  'Newsletter welcome',
  'Loyalty reward',
  'Back to school',
  'Holiday gift',
  'Flash sale',
  'VIP customers',
  'Influencer',
  'Referral thank-you',
  'Win-back',
  'Birthday treat',
  'Clearance',
  'New collection',
  'Free gift',
  'Student discount',
  'Trade show',
  'Partner',
  'Retail event',
  'Survey thank-you',
];

/** BigCommerce prints dates as 2019-01-20T22:00:00+00:00. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + '+00:00';
}

export function codeView(c: Code): CodeView {
  return {
    id: c.id,
    code: c.code,
    current_uses: c.currentUses,
    max_uses: c.maxUses,
    max_uses_per_customer: c.maxUsesPerCustomer,
    created: formatDate(c.createdMs),
  };
}

export interface StoreInit {
  hash: string;
  plan: Plan;
  limits: LimitsProfile;
  bulkCodes: number;
  /** Extra bulk promotions after the four seeded ones (0 by default), a few codes each. */
  bulkPromotions?: number;
  tokens: { modify: string; readOnly: string };
  seed: number;
  /** What GET /v2/store calls the store, and whether the tokens may read it. */
  name?: string;
  informationScope?: boolean;
}

export class StoreData {
  readonly hash: string;
  plan: Plan;
  limits: LimitsProfile;
  readonly bulkCodes: number;
  readonly bulkPromotions: number;
  readonly tokens: { modify: string; readOnly: string };
  readonly name: string;
  readonly informationScope: boolean;
  private readonly seed: number;

  promotions = new Map<number, Promotion>();
  private byId: Array<Code | undefined> = [];
  private byCode = new Map<string, Code>();
  private nextCodeId = 1;
  /** Orders listings and redemptions (a counter: two in the same millisecond still differ). */
  private ticks = 0;
  deleted: DeleteTally = { codes: 0, usedAtDelete: 0, redeemedSinceListed: 0 };
  redemptions = 0;

  constructor(init: StoreInit) {
    this.hash = init.hash;
    this.plan = init.plan;
    this.limits = init.limits;
    this.bulkCodes = init.bulkCodes;
    this.bulkPromotions = init.bulkPromotions ?? 0;
    this.tokens = init.tokens;
    this.name = init.name ?? `Sandbox store ${init.hash}`;
    this.informationScope = init.informationScope ?? false;
    this.seed = init.seed;
    this.populate();
  }

  /** Back to the seeded state (same codes, same ids) regardless of what happened since. */
  reset(): void {
    this.promotions = new Map();
    this.byId = [];
    this.byCode = new Map();
    this.nextCodeId = 1;
    this.deleted = { codes: 0, usedAtDelete: 0, redeemedSinceListed: 0 };
    this.redemptions = 0;
    this.populate();
  }

  tick(): number {
    return ++this.ticks;
  }

  /** A list answer shows these codes (the moment a client learns their uses). */
  noteListed(ids: readonly number[]): void {
    const at = this.tick();
    for (const id of ids) {
      const c = this.byId[id];
      if (c) c.listedAt = at;
    }
  }

  /** A customer redeems the code once; false when it has no use left. */
  redeem(c: Code): boolean {
    if (c.maxUses > 0 && c.currentUses >= c.maxUses) return false;
    c.currentUses++;
    c.redeemedAt = this.tick();
    this.redemptions++;
    const p = this.promotions.get(c.promotionId);
    if (p) p.currentUses++;
    return true;
  }

  /** A DELETE of the API removes a code of p: counted, with whether it was in use right then. */
  deleteByApi(p: Promotion, id: number): boolean {
    const c = this.byId[id];
    if (!this.deleteCode(p, id) || !c) return false;
    this.deleted.codes++;
    if (c.currentUses > 0) {
      this.deleted.usedAtDelete++;
      if (c.redeemedAt > c.listedAt) this.deleted.redeemedSinceListed++;
    }
    return true;
  }

  private populate(): void {
    // Seed data uses its own PRNG derived from the seed and the store hash, so
    // reset() reproduces it whatever randomness was consumed since.
    const rng = mulberry32(hashString(`${this.seed}:${this.hash}`));
    const add = (
      p: Omit<Promotion, 'codeIds' | 'currentUses' | 'startDate' | 'status'>,
    ): Promotion => {
      const promo: Promotion = {
        ...p,
        status: 'ENABLED',
        startDate: SEED_START_DATE,
        currentUses: 0,
        codeIds: new SortedIds(),
      };
      this.promotions.set(promo.id, promo);
      return promo;
    };
    const bulk = add({
      id: SEEDED_IDS.bulk,
      name: 'Spring sale — bulk codes',
      redemptionType: 'COUPON',
      couponType: 'BULK',
    });
    add({
      id: SEEDED_IDS.bulkEmpty,
      name: 'Summer sale — bulk codes (empty)',
      redemptionType: 'COUPON',
      couponType: 'BULK',
    });
    const single = add({
      id: SEEDED_IDS.single,
      name: 'Welcome 10% off',
      redemptionType: 'COUPON',
      couponType: 'SINGLE',
    });
    add({ id: SEEDED_IDS.automatic, name: 'Free shipping over $50', redemptionType: 'AUTOMATIC' });

    const params: CodegenParams = {
      batchSize: 0,
      maxUses: 1,
      maxUsesPerCustomer: 1,
      prefix: '',
      suffix: '',
      delimiter: '',
      alphabet: FULL_ALPHABET,
      codeLength: 16,
    };
    for (let i = 0; i < this.bulkCodes; i++) {
      const text = this.uniqueCode(params, rng, new Set());
      if (text === null) break;
      const code = this.insert(bulk, text, 1, 1, SEED_EPOCH_MS + i * 1000);
      // A few used codes so that "unused only" filters have something to skip:
      // every 37th is used up, every 101st has 2 of 5 uses.
      if (i % 101 === 100) {
        code.maxUses = 5;
        code.currentUses = 2;
      } else if (i % 37 === 36) {
        code.currentUses = 1;
      }
    }
    this.insert(single, 'WELCOME10', 0, 1, SEED_EPOCH_MS);
    // After every other seeded code, so that the usual seed's codes and ids stay the same.
    for (let i = 0; i < this.bulkPromotions; i++) {
      const name = `${THEMES[i % THEMES.length]} ${2024 + Math.floor(i / THEMES.length)} — bulk codes`;
      const p = add({ id: FIRST_EXTRA_ID + i, name, redemptionType: 'COUPON', couponType: 'BULK' });
      if (i % 5 === 4) p.status = 'DISABLED';
      for (let k = 0; k < (i * 37) % 60; k++) {
        const text = this.uniqueCode(params, rng, new Set());
        if (text !== null) this.insert(p, text, 1, 1, SEED_EPOCH_MS + k * 1000);
      }
    }
  }

  promotion(id: number): Promotion | undefined {
    return this.promotions.get(id);
  }

  isBulk(p: Promotion): boolean {
    return p.redemptionType === 'COUPON' && p.couponType === 'BULK';
  }

  code(id: number): Code | undefined {
    return this.byId[id];
  }

  codeByText(text: string): Code | undefined {
    return this.byCode.get(text.toUpperCase());
  }

  /** Generates a batch atomically: either every code is unique store-wide and saved, or none is. */
  generate(p: Promotion, params: CodegenParams, rng: () => number, nowMs: number): Code[] | null {
    const batch = new Set<string>();
    const texts: string[] = [];
    for (let i = 0; i < params.batchSize; i++) {
      const text = this.uniqueCode(params, rng, batch);
      if (text === null) return null;
      batch.add(text);
      texts.push(text);
    }
    return texts.map((t) => this.insert(p, t, params.maxUses, params.maxUsesPerCustomer, nowMs));
  }

  /** Adds one caller-chosen code; null when the code is taken anywhere in the store. */
  addCode(
    p: Promotion,
    text: string,
    maxUses: number,
    maxUsesPerCustomer: number,
    nowMs: number,
  ): Code | null {
    if (this.byCode.has(text.toUpperCase())) return null;
    return this.insert(p, text, maxUses, maxUsesPerCustomer, nowMs);
  }

  /** A promotion deleted (as a merchant would in the control panel), its codes with it; false if unknown. */
  removePromotion(id: number): boolean {
    const p = this.promotions.get(id);
    if (!p) return false;
    for (const codeId of p.codeIds.toArray()) this.deleteCode(p, codeId);
    this.promotions.delete(id);
    return true;
  }

  /** Deletes one code if it belongs to p; returns whether it did. */
  deleteCode(p: Promotion, id: number): boolean {
    const c = this.byId[id];
    if (c === undefined || c.promotionId !== p.id) return false;
    this.byId[id] = undefined;
    this.byCode.delete(c.code.toUpperCase());
    p.codeIds.delete(id);
    return true;
  }

  codesOf(p: Promotion): CodeView[] {
    return p.codeIds.toArray().map((id) => codeView(this.byId[id]!));
  }

  codeCounts(): Record<number, number> {
    const out: Record<number, number> = {};
    for (const p of this.promotions.values()) out[p.id] = p.codeIds.size;
    return out;
  }

  private insert(
    p: Promotion,
    text: string,
    maxUses: number,
    maxUsesPerCustomer: number,
    createdMs: number,
  ): Code {
    const c: Code = {
      id: this.nextCodeId++,
      code: text,
      promotionId: p.id,
      currentUses: 0,
      maxUses,
      maxUsesPerCustomer,
      createdMs,
      listedAt: 0,
      redeemedAt: 0,
    };
    this.byId[c.id] = c;
    this.byCode.set(text.toUpperCase(), c);
    p.codeIds.append(c.id);
    return c;
  }

  private uniqueCode(params: CodegenParams, rng: () => number, taken: Set<string>): string | null {
    const head = params.prefix === '' ? '' : params.prefix + params.delimiter;
    const tail = params.suffix === '' ? '' : params.delimiter + params.suffix;
    const alphabet = params.alphabet;
    for (let attempt = 0; attempt < UNIQUE_ATTEMPTS; attempt++) {
      let body = '';
      for (let i = 0; i < params.codeLength; i++) body += alphabet[pick(rng, alphabet.length)];
      const text = head + body + tail;
      if (!taken.has(text) && !this.byCode.has(text.toUpperCase())) return text;
    }
    return null;
  }
}
