/**
 * The ports every tool receives. Implementations live in src/ (real) and test/helpers (test);
 * tools never read process.env or module globals.
 */
import type { ActivityRecord, MeRecord, MessageRecord, SendResult, TemplateRecord } from './domain/records/schema.js';
import type { CodeInfo } from './domain/records/codes.js';
import type { TextModel } from './domain/triage/model.js';
import type { CampaignRecord, Listed, ProfileRecord, TemplateListItem, WebhookRecord } from './domain/checkup/records.js';

export interface CallOptions {
  signal?: AbortSignal;
}

/** The Sent v3 API as the tools need it (src/sent/client.ts implements it over undici). */
export interface SentApi {
  readonly baseUrl: string;
  /** e.g. `sk_live_…9f3a`; never the key. */
  readonly keyFingerprint: string;
  getMessage(id: string, opts?: CallOptions): Promise<MessageRecord>;
  /** Oldest first is NOT guaranteed: Sent returns most recent first; callers sort. */
  getActivities(id: string, opts?: CallOptions): Promise<ActivityRecord[]>;
  getMe(opts?: CallOptions): Promise<MeRecord>;
  getTemplate(id: string, opts?: CallOptions): Promise<TemplateRecord>;
  /** POST /v3/messages with `sandbox: true` forced. */
  sendSandbox(body: Record<string, unknown>, opts?: CallOptions): Promise<SendResult>;
  /** GET /v3/templates, every page (`page`/`page_size` until `has_more` is false, bounded). */
  listTemplates(opts?: CallOptions): Promise<Listed<TemplateListItem>>;
  /** GET /v3/webhooks, every page. Signing secrets are dropped, never returned. */
  listWebhooks(opts?: CallOptions): Promise<Listed<WebhookRecord>>;
  /** GET /v3/profiles (the organization's sender profiles). */
  listProfiles(opts?: CallOptions): Promise<Listed<ProfileRecord>>;
  /** GET /v3/profiles/{profileId}/campaigns (US 10DLC campaigns). */
  listCampaigns(profileId: string, opts?: CallOptions): Promise<Listed<CampaignRecord>>;
}

export interface ScenarioCause {
  title: string;
  text: string;
  /** How to confirm this cause. */
  confirm: string;
}

export interface Scenario {
  id: string;
  title: string;
  summary: string;
  channels: string[];
  codes: string[];
  /** Field values and tool findings that prove the scenario, e.g. `fallback_reason: template_not_approved`. */
  signals: string[];
  /** Extra phrases that people use for this problem (search only). */
  keywords: string[];
  related: string[];
  sources: string[];
  symptoms: string;
  why: string;
  causes: ScenarioCause[];
  steps: string[];
  verify: string;
  escalate: string;
  /** The entry's Markdown body, as written. */
  markdown: string;
  file: string;
}

export interface KnowledgeHit {
  id: string;
  title: string;
  score: number;
  /** Terms that matched, for evidence. */
  terms: string[];
}

export interface KnowledgeBase {
  list(): Scenario[];
  get(id: string): Scenario | undefined;
  search(query: string, opts?: { limit?: number }): KnowledgeHit[];
  /** A code's catalog entry (knowledge/codes.yml): meaning and the scenarios it points to. */
  code(code: string): CodeInfo | undefined;
  codes(): readonly CodeInfo[];
  /** The trained text model (knowledge/model/triage-model.json), loaded on first use. */
  model(): TextModel;
}

export interface CountryFacts {
  iso2: string;
  country: string;
  callingCode: string;
  alphanumericSupported: 'yes' | 'no' | 'registration' | 'unknown';
  alphanumericRegistrationRequired: 'yes' | 'no' | 'unknown';
  numericLongcodeSupported: 'yes' | 'no' | 'unknown';
  shortCodeNotes: string;
  contentRegistrationRequired: 'yes' | 'no' | 'unknown';
  knownFiltering: string;
  sources: string[];
}

export interface CoverageTable {
  /** Date the source data was collected (ISO date). */
  readonly asOf: string;
  get(iso2: string): CountryFacts | undefined;
  all(): CountryFacts[];
}

/** Small key-value store: memory by default, Redis when REDIS_URL is set. Values are strings. */
export interface Store {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Atomic: true when this call created the key. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Atomic increment; the TTL is set when the key is created. */
  incr(key: string, ttlMs?: number): Promise<number>;
  del(key: string): Promise<void>;
  close(): Promise<void>;
}

export interface Clock {
  now(): number;
}

/** Variadic like Bolt's logger, so one stderr logger serves every surface. */
export interface Logger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
}

export interface Limits {
  /** Longest text diagnose accepts (characters). */
  maxTextLength: number;
  /** Parallel lookups in one diagnose. */
  lookupConcurrency: number;
  /** Total time budget for the lookups of one diagnose (ms). */
  lookupBudgetMs: number;
  /** Most message IDs looked up in one diagnose. */
  maxLookups: number;
}

export interface ToolContext {
  /** null when no API key is configured: tools then work offline and say so. */
  sent: SentApi | null;
  /** Builds a client for another key (check_api_key's online check); null when offline. */
  sentForKey: ((apiKey: string) => SentApi) | null;
  knowledge: KnowledgeBase;
  coverage: CoverageTable;
  store: Store;
  clock: Clock;
  logger: Logger;
  limits: Limits;
  /** Demo mode: `sent` is the built-in simulator, not Sent; every answer that used it says so. */
  demo?: boolean;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Progress while a tool works (MCP progress notifications, Slack status). */
  progress?: (done: number, total: number, message: string) => void;
}
