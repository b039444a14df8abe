import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory.js';
import { storeContract } from './contract.js';

storeContract('memory', async () => {
  let now = Date.now();
  const store = createMemoryStore({ now: () => now });
  return {
    store,
    elapse: async (ms) => {
      now += ms;
    },
    cleanup: () => store.close(),
  };
});

describe('memory store', () => {
  it('reports its kind and stays bounded', async () => {
    const store = createMemoryStore(undefined, 10);
    expect(store.kind).toBe('memory');
    for (let i = 0; i < 25; i++) await store.set(`k${i}`, String(i));
    // The oldest insertions went first.
    expect(await store.get('k0')).toBeNull();
    expect(await store.get('k24')).toBe('24');
  });

  it('stays within its character budget, dropping the oldest entries first', async () => {
    const store = createMemoryStore(undefined, { maxChars: 1_000 });
    const big = 'x'.repeat(300);
    for (let i = 0; i < 10; i++) await store.set(`k${i}`, big);
    // Three entries of 302 characters fit in 1,000; the fourth would not.
    expect(await store.get('k6')).toBeNull();
    for (const k of ['k7', 'k8', 'k9']) expect(await store.get(k)).toBe(big);
    // Replacing and deleting give their characters back.
    await store.set('k9', 'small');
    await store.del('k8');
    await store.set('k10', big);
    await store.set('k11', big);
    expect(await store.get('k7')).toBe(big);
    expect(await store.get('k9')).toBe('small');
  });

  it('keeps one entry larger than the whole budget until the next write', async () => {
    const store = createMemoryStore(undefined, { maxChars: 10 });
    await store.set('big', 'y'.repeat(50));
    expect(await store.get('big')).toBe('y'.repeat(50));
    await store.set('next', 'z');
    expect(await store.get('big')).toBeNull();
    expect(await store.get('next')).toBe('z');
  });

  it('follows an injected clock for TTLs', async () => {
    let now = 1_000;
    const store = createMemoryStore({ now: () => now });
    await store.set('a', 'v', 500);
    now += 499;
    expect(await store.get('a')).toBe('v');
    now += 1;
    expect(await store.get('a')).toBeNull();
  });
});
