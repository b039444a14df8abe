#!/usr/bin/env node
/** `sent-doctor` entry point: nothing but argv in, exit code out. */
import { runCli } from './program.js';

void runCli(process.argv.slice(2));
