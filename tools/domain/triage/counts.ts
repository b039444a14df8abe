/**
 * Sums per feature bucket in the order each bucket was first added: an open-addressing hash table in
 * typed arrays (load ≤ ½, linear probing), cleared in time proportional to its entries and reused, so
 * featurising a text allocates nothing per feature. It counts (each add is 1) and it merges weighted
 * blocks (tools/domain/triage/features.ts). Iteration order is first-seen order, as a Map's would be,
 * so sums over it are bit-for-bit those of the Map it replaces.
 */
const EMPTY = -1;

export class BucketSums {
  private keys = new Int32Array(1024).fill(EMPTY);
  private sums = new Float64Array(1024);
  /** The slots in first-seen order. */
  private order = new Int32Array(512);
  size = 0;

  /** Adds a value (one occurrence by default) to a bucket's sum; a bucket is a non-negative 31-bit integer. */
  add(bucket: number, value = 1): void {
    if (this.size * 2 >= this.keys.length) this.grow();
    const slot = this.slotOf(bucket);
    if (this.keys[slot] === EMPTY) {
      this.keys[slot] = bucket;
      this.order[this.size++] = slot;
    }
    this.sums[slot]! += value;
  }

  /** The sum of a bucket (0 when never added). */
  get(bucket: number): number {
    const slot = this.slotOf(bucket);
    return this.keys[slot] === EMPTY ? 0 : this.sums[slot]!;
  }

  /** The i-th bucket first added (0 ≤ i < size) and its sum. */
  bucketAt(i: number): number {
    return this.keys[this.order[i]!]!;
  }

  sumAt(i: number): number {
    return this.sums[this.order[i]!]!;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) {
      const slot = this.order[i]!;
      this.keys[slot] = EMPTY;
      this.sums[slot] = 0;
    }
    this.size = 0;
  }

  private slotOf(bucket: number): number {
    const mask = this.keys.length - 1;
    let slot = (Math.imul(bucket, 0x9e3779b1) >>> 0) & mask;
    while (this.keys[slot] !== EMPTY && this.keys[slot] !== bucket) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const entries = Array.from({ length: this.size }, (_, i) => [this.bucketAt(i), this.sumAt(i)] as const);
    this.keys = new Int32Array(this.keys.length * 2).fill(EMPTY);
    this.sums = new Float64Array(this.keys.length);
    this.order = new Int32Array(this.keys.length / 2);
    this.size = 0;
    for (const [bucket, sum] of entries) this.add(bucket, sum);
  }
}
