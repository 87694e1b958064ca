import { randomFillSync } from "node:crypto";
import { parseArgs } from "node:util";
import { PRNGS } from "@rng/prngs";
import { USAGE_EXIT, type CliIo } from "../cli-io.js";
import { NO_PROGRESS, progressBar, type Progress } from "../progress.js";
import { renderCsvTable, renderTextTable } from "../table.js";

export const PRNG_SPEED_HELP = `Usage: rnglab prng-speed [--words N] [--json|--csv]

Host speed of every generator's fill() (the device's and the raw stream's fast path): ns per 32-bit word
and MB/s, side by side in one run with the npm peers implementing the same algorithms (pure-rand's
mersenne and xoroshiro128plus, seedrandom's xor128) and Node's crypto.randomFillSync as the CSPRNG
reference for chacha20. Median of 5 runs of N words (default 2^24) after a warm-up.
--json prints the rows as JSON, --csv one CSV line per generator and implementation.
`;

export interface SpeedRow {
  name: string;
  /** "rnglab" or the peer package that implements the algorithm. */
  impl: string;
  nsPerWord: number;
  mbPerSecond: number;
}

type Filler = (out: Uint32Array) => void;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Times `fill` over `words` 32-bit words, in chunks of 64 Ki words, median of 5 runs. */
export function timeFill(fill: Filler, words: number, now: () => number): number {
  const buf = new Uint32Array(1 << 16);
  const chunks = Math.max(1, Math.floor(words / buf.length));
  for (let i = 0; i < Math.min(chunks, 16); i++) fill(buf); // warm-up
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = now();
    for (let i = 0; i < chunks; i++) fill(buf);
    runs.push(((now() - t0) * 1e6) / (chunks * buf.length));
  }
  return median(runs);
}

/** The peers, loaded only if installed (they are dev-only dependencies of the benchmarks). */
async function peerFillers(): Promise<{ name: string; impl: string; fill: Filler }[]> {
  const out: { name: string; impl: string; fill: Filler }[] = [];
  try {
    const pr = (await import("pure-rand")) as unknown as {
      mersenne(seed: number): { unsafeNext(): number };
      xoroshiro128plus(seed: number): { unsafeNext(): number };
    };
    const mt = pr.mersenne(1);
    out.push({ name: "mt19937", impl: "pure-rand mersenne", fill: (b) => { for (let i = 0; i < b.length; i++) b[i] = mt.unsafeNext(); } });
    const xo = pr.xoroshiro128plus(1);
    out.push({ name: "xoroshiro128p", impl: "pure-rand xoroshiro128plus", fill: (b) => { for (let i = 0; i < b.length; i++) b[i] = xo.unsafeNext(); } });
  } catch {
    /* not installed: the table shows rnglab alone */
  }
  try {
    const sr = (await import("seedrandom")).default as unknown as { xor128(seed: string): { int32(): number } };
    const x = sr.xor128("1");
    out.push({ name: "xorshift128", impl: "seedrandom xor128", fill: (b) => { for (let i = 0; i < b.length; i++) b[i] = x.int32(); } });
  } catch {
    /* not installed */
  }
  out.push({ name: "chacha20", impl: "node crypto.randomFillSync (CSPRNG)", fill: (b) => void randomFillSync(b) });
  return out;
}

export async function measurePrngSpeeds(words: number, now: () => number, progress: (total: number) => Progress = () => NO_PROGRESS): Promise<SpeedRow[]> {
  const rows: SpeedRow[] = [];
  const peers = await peerFillers();
  const bar = progress(PRNGS.length + peers.filter((p) => PRNGS.some((f) => f.info.name === p.name)).length);
  const row = (name: string, impl: string, fill: Filler) => {
    const ns = timeFill(fill, words, now);
    rows.push({ name, impl, nsPerWord: ns, mbPerSecond: 4e3 / ns });
    bar.tick(`${name} (${impl})`);
  };
  for (const f of PRNGS) {
    const g = f.create(1n);
    row(f.info.name, "rnglab", (b) => g.fill(b));
    for (const p of peers.filter((x) => x.name === f.info.name)) row(p.name, p.impl, p.fill);
  }
  bar.stop();
  return rows;
}

export async function prngSpeedCommand(args: string[], io: CliIo, now: () => number): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, strict: true, options: { words: { type: "string" }, json: { type: "boolean" }, csv: { type: "boolean" }, help: { type: "boolean", short: "h" } } }));
  } catch (e) {
    io.stderr(`rnglab: prng-speed: ${(e as Error).message}\n`);
    return USAGE_EXIT;
  }
  if (values.help) {
    io.stdout(PRNG_SPEED_HELP);
    return 0;
  }
  if (values.json && values.csv) {
    io.stderr("rnglab: prng-speed: --json and --csv exclude each other\n");
    return USAGE_EXIT;
  }
  if (values.words !== undefined && !/^[1-9][0-9]*$/.test(values.words)) {
    io.stderr("rnglab: prng-speed: --words takes a positive whole number\n");
    return USAGE_EXIT;
  }
  const rows = await measurePrngSpeeds(Number(values.words ?? 1 << 24), now, (total) => progressBar(total, !values.json && !values.csv));
  if (values.json) {
    io.stdout(JSON.stringify(rows) + "\n");
    return 0;
  }
  if (values.csv) {
    io.stdout(renderCsvTable(["generator", "implementation", "nsPerWord", "mbPerSecond"], rows.map((r) => [r.name, r.impl, r.nsPerWord.toFixed(3), r.mbPerSecond.toFixed(1)])));
    return 0;
  }
  let out = "generator fill speed (host, one core): ns per 32-bit word and MB/s\n";
  out += renderTextTable(
    [{ head: "generator" }, { head: "implementation" }, { head: "ns/word", align: "right" }, { head: "MB/s", align: "right" }],
    rows.map((r) => [r.name, r.impl, r.nsPerWord.toFixed(2), r.mbPerSecond.toFixed(0)]),
  );
  io.stdout(out);
  return 0;
}
