// The ladder page's request and the messages of its worker.
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
