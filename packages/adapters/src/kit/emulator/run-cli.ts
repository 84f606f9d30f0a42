/**
 * The shared body of an emulator's `cli.ts`: wait for it to start (the command line's work lives in
 * code tests run in-process), print its one JSON line, and stop it on SIGINT or SIGTERM. A CLI
 * entry: the one place in the emulators that writes to the console.
 */
export function runEmulatorCli(started: Promise<{ readonly emulator: { close(): Promise<void> }; readonly line: string }>): void {
  void started.then(
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
}
