/**
 * Counts of feature buckets in the order each was first seen: an open-addressing hash table in typed
 * arrays (load ≤ ½, linear probing), cleared in time proportional to its entries and reused, so
 * featurising a text allocates nothing per feature. Iteration order is first-seen order, as a Map's
 * would be, so sums over it are bit-for-bit those of the Map it replaces.
 */
const EMPTY = -1;

export class BucketCounts {
  private keys = new Int32Array(1024).fill(EMPTY);
  private counts = new Int32Array(1024);
  /** The slots in first-seen order. */
  private order = new Int32Array(512);
  size = 0;

  /** Adds one occurrence of a bucket (a non-negative 31-bit integer). */
  add(bucket: number): void {
    if (this.size * 2 >= this.keys.length) this.grow();
    const slot = this.slotOf(bucket);
    if (this.keys[slot] === EMPTY) {
      this.keys[slot] = bucket;
      this.order[this.size++] = slot;
    }
    this.counts[slot]!++;
  }

  /** The count of a bucket (0 when never added). */
  get(bucket: number): number {
    const slot = this.slotOf(bucket);
    return this.keys[slot] === EMPTY ? 0 : this.counts[slot]!;
  }

  /** The i-th bucket first seen (0 ≤ i < size) and its count. */
  bucketAt(i: number): number {
    return this.keys[this.order[i]!]!;
  }

  countAt(i: number): number {
    return this.counts[this.order[i]!]!;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) {
      const slot = this.order[i]!;
      this.keys[slot] = EMPTY;
      this.counts[slot] = 0;
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
    const entries = Array.from({ length: this.size }, (_, i) => [this.bucketAt(i), this.countAt(i)] as const);
    this.keys = new Int32Array(this.keys.length * 2).fill(EMPTY);
    this.counts = new Int32Array(this.keys.length);
    this.order = new Int32Array(this.keys.length / 2);
    this.size = 0;
    for (const [bucket, count] of entries) {
      const slot = this.slotOf(bucket);
      this.keys[slot] = bucket;
      this.counts[slot] = count;
      this.order[this.size++] = slot;
    }
  }
}

/**
 * Sums of values per bucket in the order each bucket was first added: the same open-addressing table
 * as {@link BucketCounts}, with a float value per bucket instead of a count. Reused and cleared.
 */
export class BucketSums {
  private keys = new Int32Array(1024).fill(EMPTY);
  private sums = new Float64Array(1024);
  private order = new Int32Array(512);
  size = 0;

  /** Adds a value to a bucket's sum (a non-negative 31-bit integer bucket). */
  add(bucket: number, value: number): void {
    if (this.size * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = (Math.imul(bucket, 0x9e3779b1) >>> 0) & mask;
    while (this.keys[slot] !== EMPTY && this.keys[slot] !== bucket) slot = (slot + 1) & mask;
    if (this.keys[slot] === EMPTY) {
      this.keys[slot] = bucket;
      this.sums[slot] = value;
      this.order[this.size++] = slot;
    } else this.sums[slot]! += value;
  }

  /** The i-th bucket first added (0 ≤ i < size) and its sum. */
  bucketAt(i: number): number {
    return this.keys[this.order[i]!]!;
  }

  sumAt(i: number): number {
    return this.sums[this.order[i]!]!;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.keys[this.order[i]!] = EMPTY;
    this.size = 0;
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
