import { describe, expect, it } from 'vitest';
import { createFaultQueue, FaultSyntaxError, parseFaults } from '../../src/simulator/faults.js';

describe('parseFaults', () => {
  it('reads every documented fault', () => {
    expect(parseFaults('latency=250, status=503')).toEqual([
      { kind: 'latency', ms: 250 },
      { kind: 'status', status: 503 },
    ]);
    expect(parseFaults('rate_limit')).toEqual([{ kind: 'rate_limit', retryAfterSeconds: 60 }]);
    expect(parseFaults('rate_limit=3')).toEqual([{ kind: 'rate_limit', retryAfterSeconds: 3 }]);
    expect(parseFaults('malformed,reset')).toEqual([{ kind: 'malformed' }, { kind: 'reset' }]);
  });

  it.each(['', 'status=200', 'status=abc', 'latency', 'latency=60001', 'reset=1', 'x'.repeat(100), 'a,b,c,d,e,f', 'rate_limit=9999', 'STATUS=500'])(
    'refuses %j',
    (spec) => {
      expect(() => parseFaults(spec)).toThrow(FaultSyntaxError);
    },
  );
});

describe('fault queue', () => {
  it('matches by path prefix, pattern and method; uses rules oldest first; runs out', () => {
    const q = createFaultQueue();
    q.add({ path: '/v3/messages/', fault: 'status=500', times: 2 });
    q.add({ path: /^\/v3\/me$/, method: 'get', fault: { kind: 'malformed' } });
    q.add({ fault: ['reset'].map(() => ({ kind: 'reset' as const })), times: Infinity });
    expect(q.take('GET', '/v3/messages/x')).toEqual([{ kind: 'status', status: 500 }]);
    expect(q.take('POST', '/v3/me')).toEqual([{ kind: 'reset' }]);
    expect(q.take('GET', '/v3/me')).toEqual([{ kind: 'malformed' }]);
    expect(q.take('GET', '/v3/messages/y')).toEqual([{ kind: 'status', status: 500 }]);
    expect(q.take('GET', '/v3/messages/z')).toEqual([{ kind: 'reset' }]);
    expect(q.pending).toBe(1);
    q.clear();
    expect(q.take('GET', '/v3/me')).toEqual([]);
  });

  it('refuses a bad rule', () => {
    const q = createFaultQueue();
    expect(() => q.add({ fault: 'explode' })).toThrow(FaultSyntaxError);
    expect(() => q.add({ fault: 'reset', times: 0 })).toThrow(FaultSyntaxError);
  });
});
