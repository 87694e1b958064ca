// The ladder's runs in a Web Worker: each design and transfer size on a fresh machine and guest, as
// `rnglab bench --sweep` runs them in Node, so the page stays responsive and the host speeds compare.
import { BENCH_DESIGNS, type BenchDesign } from "@rng/driver";
import { DesignUnavailable, planRuns, runDesign, selectProfile, type BenchResult } from "@rng/lab";
import { QemuError } from "@rng/hw-qemu";
import type { BenchMessage, BenchRequest } from "./ladder-plan.js";

self.onmessage = (e: MessageEvent<BenchRequest>) => {
  const req = e.data;
  const post = (m: BenchMessage) => (self as unknown as Worker).postMessage(m);
  try {
    const profile = selectProfile(req.machine ?? [], req.profile, []);
    // The same runs as `rnglab bench --sweep` makes, at the sizes chosen here.
    const runs = planRuns(req.designs.filter((d): d is BenchDesign => d in BENCH_DESIGNS), req.bytes, undefined, req.sizes);
    const results: BenchResult[] = [];
    const t0 = performance.now();
    runs.forEach((r, i) => {
      const label = `${r.design}${r.bytesPerCall ? ` ${r.bytesPerCall} B` : ""}`;
      try {
        const result = runDesign(r.design, r.bytes, r.bytesPerCall, req.machine, profile, () => performance.now());
        results.push(result);
        post({ type: "progress", done: i + 1, total: runs.length, label, result });
      } catch (err) {
        if (!(err instanceof DesignUnavailable)) throw err;
        post({ type: "progress", done: i + 1, total: runs.length, label, skipped: err.message });
      }
    });
    post({ type: "done", hostMs: performance.now() - t0, results });
  } catch (err) {
    post({ type: "error", text: err instanceof QemuError ? err.render() : (err as Error).message });
  }
};
