#!/usr/bin/env node
import { startFromArgs } from './cli-args.js';

/**
 * `node packages/adapters/dist/microsoft-graph/emulator/cli.js --port 0 --seed N` starts the Graph
 * emulator and prints one JSON line { url, origin, token }; SIGINT or SIGTERM stops it. (A CLI
 * entry: the one place in the emulator that writes to the console.)
 */
startFromArgs(process.argv.slice(2)).then(
  ({ emulator, line }) => {
    console.log(line);
    const stop = (): void => {
      void emulator.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
