import cliProgress from "cli-progress";

/**
 * A progress bar on stderr for long work, shown only on a terminal and never with machine-readable output
 * (--json, --csv): pipes and files get nothing.
 */
export interface Progress {
  tick(label: string): void;
  stop(): void;
}

/** For callers (tests, machine-readable output) that want no progress shown. */
export const NO_PROGRESS: Progress = { tick: () => {}, stop: () => {} };

export function progressBar(total: number, enabled: boolean): Progress {
  if (!enabled || total < 2 || !process.stderr.isTTY) return NO_PROGRESS;
  const bar = new cliProgress.SingleBar(
    { format: "{bar} {value}/{total} {label} | ETA {eta_formatted}", stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: "" });
  return {
    tick: (label) => bar.increment(1, { label }),
    stop: () => bar.stop(),
  };
}
