/**
 * Ascending list of integer ids kept in blocks, so that with a million codes
 * appends are O(1), deletes O(block + blocks), and rank / seek / slice
 * O(log n + k) (prefix counts are rebuilt lazily in O(blocks)).
 * A flat array would make every delete an O(n) splice.
 */
const BLOCK = 512;

export class SortedIds {
  private blocks: number[][] = [];
  private prefix: number[] | null = null; // prefix[i] = number of ids before block i
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Ids are handed out in increasing order, so new ones always go last. */
  append(id: number): void {
    const last = this.blocks[this.blocks.length - 1];
    if (last !== undefined && last.length > 0 && (last[last.length - 1] ?? 0) >= id) {
      throw new Error(`SortedIds.append: ${id} is not greater than the current maximum`);
    }
    if (last === undefined || last.length >= BLOCK) this.blocks.push([id]);
    else last.push(id);
    this.count++;
    this.prefix = null;
  }

  /** Removes id if present; returns whether it was there. */
  delete(id: number): boolean {
    const b = this.blockFor(id);
    if (b < 0) return false;
    const block = this.blocks[b]!;
    const i = lowerBound(block, id);
    if (block[i] !== id) return false;
    block.splice(i, 1);
    if (block.length === 0) this.blocks.splice(b, 1);
    this.count--;
    this.prefix = null;
    return true;
  }

  /** Number of ids strictly less than id. */
  rankLess(id: number): number {
    const b = this.blockFor(id);
    if (b < 0) return this.count;
    return this.prefixes()[b]! + lowerBound(this.blocks[b]!, id);
  }

  /** Number of ids less than or equal to id. */
  rankLessOrEqual(id: number): number {
    return this.rankLess(id + 1);
  }

  /** Ids at positions [start, end) in ascending order. */
  slice(start: number, end: number): number[] {
    const s = Math.max(0, start);
    const e = Math.min(this.count, end);
    const out: number[] = [];
    if (s >= e) return out;
    const prefix = this.prefixes();
    let b = upperBound(prefix, s) - 1;
    let i = s - prefix[b]!;
    while (out.length < e - s) {
      const block = this.blocks[b]!;
      out.push(block[i]!);
      i++;
      if (i >= block.length) {
        b++;
        i = 0;
      }
    }
    return out;
  }

  toArray(): number[] {
    return this.blocks.flat();
  }

  clear(): void {
    this.blocks = [];
    this.prefix = null;
    this.count = 0;
  }

  /** Index of the first block whose last id is >= id, or -1 if none. */
  private blockFor(id: number): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const block = this.blocks[mid]!;
      if (block[block.length - 1]! < id) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.blocks.length ? lo : -1;
  }

  private prefixes(): number[] {
    if (this.prefix === null) {
      const p: number[] = new Array<number>(this.blocks.length);
      let acc = 0;
      for (let i = 0; i < this.blocks.length; i++) {
        p[i] = acc;
        acc += this.blocks[i]!.length;
      }
      this.prefix = p;
    }
    return this.prefix;
  }
}

/** First index i with a[i] >= x. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i with a[i] > x. */
function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
