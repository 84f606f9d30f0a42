#!/usr/bin/env node
import { runEmulatorCli } from '../../kit/emulator/run-cli.js';
import { startFromArgs } from './cli-args.js';

/**
 * `node packages/adapters/dist/windows-live/emulator/cli.js --port 0 --seed N` starts the Windows
 * Live emulator and prints one JSON line { url, lid, cid, token, readOnlyToken }; SIGINT or SIGTERM
 * stops it.
 */
runEmulatorCli(startFromArgs(process.argv.slice(2)));
