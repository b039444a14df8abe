/** The Sent v3 simulator: `createSimulator()`, its seed list and fault syntax. */
export { createSimulator, SIMULATOR_DEMO_KEY, type Simulator, type SimulatorOptions, type ListeningSimulator, type RequestLogEntry } from './server.js';
export { SEED_MESSAGES, SEED_TEMPLATES, type SeedInfo, type SimMessage, type SimTemplate } from './seed.js';
export { parseFaults, type Fault, type FaultRule } from './faults.js';
