import { parseArgs } from "node:util";
import { outputBitsStream } from "@rng/lab";
import { findPrng, parseSeed, runBattery, streamFor, type TestResult } from "@rng/prngs";
import { USAGE_EXIT, type CliIo } from "../cli-io.js";
import { renderCsvTable, renderTextTable } from "../table.js";

export const QUALITY_HELP = `Usage: rnglab quality NAME [--seed S] [--bytes N] [--register] [--json|--csv]

Runs the battery (NIST SP 800-22 frequency, block frequency, runs, longest run of ones, serial,
approximate entropy, cumulative sums; chi-square over bytes; birthday spacings) on N bytes (default 1 MiB)
of the generator's output, seeded with S (default 1). By default the bits tested are the outputs' own
bits (output_bits of each output, 31 for glibc rand); --register tests the stream exactly as my_rng's RNG
register delivers it (32-bit words, little-endian), which is how glibc's always-zero bit 31 shows.
--json prints the results as JSON, --csv one CSV line per test.
`;

export function qualityCommand(args: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { seed: { type: "string" }, bytes: { type: "string" }, register: { type: "boolean" }, json: { type: "boolean" }, csv: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
  } catch (e) {
    io.stderr(`rnglab: quality: ${(e as Error).message}\n`);
    return USAGE_EXIT;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(QUALITY_HELP);
    return 0;
  }
  if (values.json && values.csv) {
    io.stderr("rnglab: quality: --json and --csv exclude each other\n");
    return USAGE_EXIT;
  }
  const fail = (msg: string) => {
    io.stderr(`rnglab: quality: ${msg}\n`);
    return USAGE_EXIT;
  };
  if (positionals.length !== 1) return fail("give one generator NAME (see rnglab prng --list)");
  const f = findPrng(positionals[0]);
  if (!f) return fail(`unknown generator '${positionals[0]}' (see rnglab prng --list)`);
  const seed = parseSeed(values.seed ?? "1");
  if (seed === undefined) return fail(`invalid seed '${values.seed}': give a decimal or 0x-hex integer`);
  const why = f.checkSeed(seed);
  if (why) return fail(why);
  const bytesText = values.bytes ?? "1048576";
  if (!/^[0-9]+$/.test(bytesText) || Number(bytesText) < 128 || Number(bytesText) > 64 * 2 ** 20) return fail(`--bytes takes 128 … 67108864, not '${bytesText}'`);
  const bytes = Number(bytesText);
  const prng = f.create(seed);
  const data = values.register ? streamFor(prng, bytes, { register: true }) : outputBitsStream(prng, bytes);
  const results: TestResult[] = runBattery(data);
  if (values.json) {
    io.stdout(JSON.stringify({ generator: f.info.name, seed: seed.toString(), bytes, view: values.register ? "register" : "output-bits", results }) + "\n");
    return 0;
  }
  if (values.csv) {
    io.stdout(renderCsvTable(["test", "statistic", "pValues", "pass"], results.map((r) => [r.test, r.statistic, r.pValues.join(" "), r.pass ? 1 : 0])));
    return 0;
  }
  let out = `${f.info.name}, seed ${seed}, ${bytes} bytes, ${values.register ? "as the RNG register delivers it (32-bit words)" : `output bits (${f.info.outputBits} per output)`}\n`;
  out += renderTextTable(
    [{ head: "test" }, { head: "statistic", align: "right" }, { head: "p-value(s)" }, { head: "result" }],
    results.map((r) => [r.test, r.statistic.toPrecision(6), r.pValues.map((x) => x.toFixed(6)).join(", "), r.pass ? "pass" : "FAIL"]),
  );
  const failed = results.filter((r) => !r.pass).length;
  out += failed ? `${failed} of ${results.length} tests failed at α = 0.01\n` : `all ${results.length} tests passed at α = 0.01\n`;
  io.stdout(out);
  return 0;
}
