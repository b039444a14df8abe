/** Run `fn` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

export function uniq<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}

const ASCII_RE = /^[\x00-\x7f]*$/;

/** Only ASCII characters: such text needs no Unicode normalisation and can take the ASCII fast paths. */
export function isAscii(text: string): boolean {
  return ASCII_RE.test(text);
}
