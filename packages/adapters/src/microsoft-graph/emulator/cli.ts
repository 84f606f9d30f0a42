#!/usr/bin/env node
import { runEmulatorCli } from '../../kit/emulator/run-cli.js';
import { startFromArgs } from './cli-args.js';

/**
 * `node packages/adapters/dist/microsoft-graph/emulator/cli.js --port 0 --seed N` starts the Graph
 * emulator and prints one JSON line { url, origin, token }; SIGINT or SIGTERM stops it.
 */
runEmulatorCli(startFromArgs(process.argv.slice(2)));
