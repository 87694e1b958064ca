// Test helper (not a test file): runs the CLI in-process with collecting streams.
import type { CliIo } from "./cli-io.js";
import { main } from "./cli.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Every stdoutBytes chunk, in order. */
  chunks: Uint8Array[];
  /** stdoutBytes calls made after it had returned false (a closed pipe must stop the writer). */
  writesAfterClose: number;
}

const RUNAWAY_BYTES = 64 * 2 ** 20;

/**
 * With `closeAfter`, stdoutBytes returns false once that many bytes were written in total, as a reader
 * closing the pipe; a writer that ignores it fails the run instead of hanging it.
 */
export async function runCli(argv: string[], opts: { now?: () => number; closeAfter?: number } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  let closed = false;
  let writesAfterClose = 0;
  const closeAfter = opts.closeAfter ?? Infinity;
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdoutBytes: async (b) => {
      if (total > RUNAWAY_BYTES || writesAfterClose > 10) throw new Error("runaway raw output");
      if (closed) {
        writesAfterClose++;
        return false;
      }
      chunks.push(b.slice());
      total += b.length;
      if (total >= closeAfter) closed = true;
      return !closed;
    },
  };
  const code = await main(argv, io, opts.now ?? (() => 0));
  return { code, stdout, stderr, chunks, writesAfterClose };
}
