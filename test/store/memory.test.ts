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
