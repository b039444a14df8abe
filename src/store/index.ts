/** Picks the store: Redis when REDIS_URL is set, memory otherwise. */
import type { Store } from '../../tools/context.js';
import type { Config } from '../config.js';
import type { AppLogger } from '../log.js';
import { createMemoryStore } from './memory.js';

export async function createStore(config: Config, logger: AppLogger): Promise<Store> {
  if (!config.redisUrl) return createMemoryStore();
  const { createRedisStore } = await import('./redis.js');
  return createRedisStore(config.redisUrl, logger, config.redisKeyPrefix ? { prefix: config.redisKeyPrefix } : {});
}
