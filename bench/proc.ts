/**
 * Child processes for the bench: the product's CLI (`serve`, `mcp`, `simulate`, `triage`) and the
 * baseline fixtures, each started with a clean environment (nothing of the caller's environment
 * but PATH and HOME, so no real key or token ever reaches them), stopped by their own pid, and
 * measured through /proc/<pid>/status.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';

export const ROOT = PACKAGE_ROOT;
/** The `sent-doctor` bin as the package ships it (package.json `bin`: the esbuild bundle). */
export const CLI = join(ROOT, 'dist/bin/sent-doctor.js');
export const fixture = (name: string): string => join(ROOT, 'dist/bench/fixtures', `${name}.js`);

/** Only what node needs; every other variable is set by the caller on purpose. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production' };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export interface Child {
  proc: ChildProcess;
  pid: number;
  /** The last lines the child wrote to stderr (for error reports). */
  tail(): string;
  stop(): Promise<void>;
}

/**
 * Start `node <script> ...args` and wait until a line on stderr matches `ready` (or the child
 * exits, or the timeout passes). Returns the match.
 */
export async function startNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs = 15_000,
): Promise<{ child: Child; match: RegExpMatchArray }> {
  const proc = spawn(process.execPath, [script, ...args], { env, cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const child = wrap(proc);
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => fail(new Error(`${label(script, args)} did not start within ${timeoutMs} ms`)), timeoutMs);
    const onData = (d: Buffer) => {
      buf += d.toString('utf8');
      const m = buf.match(ready);
      if (m) {
        cleanup();
        resolve(m);
      }
    };
    const onExit = (code: number | null) => fail(new Error(`${label(script, args)} exited (${code}) before it was ready:\n${child.tail()}`));
    const fail = (e: Error) => {
      cleanup();
      void child.stop().finally(() => reject(e));
    };
    const cleanup = () => {
      clearTimeout(timer);
      proc.stderr!.off('data', onData);
      proc.off('exit', onExit);
    };
    proc.stderr!.on('data', onData);
    proc.once('exit', onExit);
  });
  return { child, match };
}

export function wrap(proc: ChildProcess): Child {
  const lines: string[] = [];
  proc.stderr?.on('data', (d: Buffer) => {
    lines.push(...d.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  });
  const exited = new Promise<void>((r) => (proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', () => r())));
  return {
    proc,
    pid: proc.pid!,
    tail: () => lines.join('\n'),
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(t);
    },
  };
}

function label(script: string, args: string[]): string {
  return [script.replace(`${ROOT}/`, ''), ...args].join(' ');
}

/** Resident set now and its high-water mark, in MB, from /proc/<pid>/status (Linux). */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** Samples VmRSS every `everyMs` so a peak inside a phase can be told apart from the lifetime peak. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = memoryOf(pid)?.rssMb ?? NaN;
  const t = setInterval(() => {
    const m = memoryOf(pid);
    if (m && !(m.rssMb <= peak)) peak = m.rssMb;
  }, everyMs);
  return {
    stop() {
      clearInterval(t);
      const m = memoryOf(pid);
      if (m && !(m.rssMb <= peak)) peak = m.rssMb;
      return peak;
    },
  };
}

/** Start the product's simulator (`sent-doctor simulate --port 0`) and return its URL. */
export async function startSimulatorChild(): Promise<{ child: Child; url: string }> {
  const { child, match } = await startNode(CLI, ['simulate', '--port', '0', '--host', '127.0.0.1'], childEnv(), /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { child, url: match[1]! };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Share of all CPUs busy over `ms` (from /proc/stat): how much other work is on the machine. */
export async function cpuBusy(ms = 1_000): Promise<number | undefined> {
  const read = () => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
      return { idle: f[3]! + (f[4] ?? 0), total: f.reduce((a, b) => a + b, 0) };
    } catch {
      return undefined;
    }
  };
  const a = read();
  await sleep(ms);
  const b = read();
  return a && b && b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : undefined;
}

const T0 = performance.now();
/** A progress line on stderr (stdout carries the table). */
export function progress(s: string): void {
  process.stderr.write(`[bench ${((performance.now() - T0) / 1000).toFixed(0).padStart(3)}s] ${s}\n`);
}
