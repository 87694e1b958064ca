/** Where a command writes: the CLI passes process streams, tests pass collectors. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Binary output (prng --format raw); resolves false once the reader has gone (EPIPE). */
  stdoutBytes?(bytes: Uint8Array): Promise<boolean>;
}

/** A usage or input error of rnglab's own (not QEMU's): printed as "rnglab: …", exit 2. */
export { UsageError } from "@rng/lab";

/** Exit status QEMU uses for bad command lines. */
export const QEMU_EXIT_FAILURE = 1;
export const USAGE_EXIT = 2;
