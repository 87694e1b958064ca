// The lab's designs measured on real QEMU 7.2 (TCG) + Linux 6.1 (Debian 6.1.0-56) on an AMD EPYC VM with
// 2 vCPUs: medians of 3 boots, from the project's captured reference ladder-tcg.md. The `tcg` cost profile
// reproduces these; the playground draws them beside the simulated points. (KVM was not measurable there.)
import type { BenchDesign } from "@rng/driver";

export interface LadderReferencePoint {
  /** The simulated design this measurement corresponds to. */
  design: BenchDesign;
  bytesPerCall: number;
  nsPerCall: number;
  /** What was measured (the reference's row name). */
  measured: string;
}

export const LADDER_TCG_SOURCE = "real QEMU 7.2 TCG + Linux 6.1, AMD EPYC VM, median of 3 boots (ladder-tcg.md)";

export const LADDER_TCG_REFERENCE: readonly LadderReferencePoint[] = [
  { design: "v1", bytesPerCall: 4, nsPerCall: 917, measured: "cmd1_ioread32" },
  { design: "rng64-pair", bytesPerCall: 8, nsPerCall: 921, measured: "cmd2_2x_ioread32" },
  { design: "rng64-q", bytesPerCall: 8, nsPerCall: 882, measured: "cmd3_readq" },
  { design: "read", bytesPerCall: 4, nsPerCall: 997, measured: "read_mmio_4" },
  { design: "read", bytesPerCall: 64, nsPerCall: 1716, measured: "read_mmio_64" },
  { design: "read", bytesPerCall: 1024, nsPerCall: 13430, measured: "read_mmio_1024" },
  { design: "read", bytesPerCall: 4096, nsPerCall: 49955, measured: "read_mmio_4096" },
  { design: "read", bytesPerCall: 65536, nsPerCall: 755766, measured: "read_mmio_65536" },
  { design: "read", bytesPerCall: 1048576, nsPerCall: 12146381, measured: "read_mmio_1048576" },
  { design: "copy-only", bytesPerCall: 4, nsPerCall: 856, measured: "read_nommio_4" },
  { design: "copy-only", bytesPerCall: 64, nsPerCall: 871, measured: "read_nommio_64" },
  { design: "copy-only", bytesPerCall: 1024, nsPerCall: 1223, measured: "read_nommio_1024" },
  { design: "copy-only", bytesPerCall: 4096, nsPerCall: 2153, measured: "read_nommio_4096" },
  { design: "copy-only", bytesPerCall: 65536, nsPerCall: 20421, measured: "read_nommio_65536" },
  { design: "copy-only", bytesPerCall: 1048576, nsPerCall: 326928, measured: "read_nommio_1048576" },
];

/** The measured point for a design and transfer size, if the reference has one (tcg only). */
export function ladderReference(design: string, bytesPerCall: number): LadderReferencePoint | undefined {
  return LADDER_TCG_REFERENCE.find((p) => p.design === design && p.bytesPerCall === bytesPerCall);
}
