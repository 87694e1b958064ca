// The ladder page's runs and the messages of its worker.
import { BENCH_DESIGNS, type BenchDesign } from "@rng/driver";
import type { BenchResult } from "@rng/lab";

export interface BenchRequest {
  designs: string[];
  sizes: number[];
  profile: "tcg" | "kvm";
  /** Machine options, or undefined for each design's default. */
  machine: string[] | undefined;
  /** Bytes each run reads at least (1 MiB, as the CLI's default). */
  bytes: number;
}

export type BenchMessage =
  | { type: "progress"; done: number; total: number; label: string; result?: BenchResult; skipped?: string }
  | { type: "done"; hostMs: number; results: BenchResult[] }
  | { type: "error"; text: string };

export interface LadderRunPlan {
  design: BenchDesign;
  bytesPerCall: number | undefined;
  bytes: number;
}

/** The runs, in order: fixed-size designs once, the others at every chosen size. */
export function plan(req: BenchRequest): LadderRunPlan[] {
  return req.designs
    .filter((d): d is BenchDesign => d in BENCH_DESIGNS)
    .flatMap((design): LadderRunPlan[] =>
      BENCH_DESIGNS[design].fixed ? [{ design, bytesPerCall: undefined, bytes: req.bytes }] : req.sizes.map((size) => ({ design, bytesPerCall: size, bytes: Math.max(req.bytes, size) })),
    );
}
