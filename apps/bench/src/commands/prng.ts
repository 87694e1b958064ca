import { parseArgs } from "node:util";
import { PRNGS, findPrng, parseSeed, type Prng } from "@rng/prngs";
import { USAGE_EXIT, UsageError, type CliIo } from "../cli-io.js";

export const PRNG_HELP = `Usage: rnglab prng NAME --seed S [--count N] [--format dec|hex|raw]
       rnglab prng --list

Prints the generator's outputs after seeding it with S (decimal or 0x-hex, exact to 64 bits) by its own
seeding rule: one per line in decimal (default) or lowercase zero-padded hex; raw writes little-endian
words of the generator's word size, and without --count streams until the reader closes the pipe.
`;

/** Lines per write when printing text: keeps memory flat for large counts. */
const CHUNK = 4096;

export async function prngCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        seed: { type: "string" },
        count: { type: "string" },
        format: { type: "string" },
        list: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    io.stderr(`rnglab: prng: ${(e as Error).message}\n`);
    return USAGE_EXIT;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(PRNG_HELP);
    return 0;
  }
  if (values.list) {
    if (positionals.length || values.seed !== undefined || values.count !== undefined || values.format !== undefined) {
      io.stderr("rnglab: prng: --list takes no other arguments\n");
      return USAGE_EXIT;
    }
    io.stdout(PRNGS.map((p) => p.info.name).join("\n") + "\n");
    return 0;
  }
  try {
    const plan = planOutput(positionals, values);
    return await emit(plan, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`rnglab: prng: ${e.message}\n`);
      return USAGE_EXIT;
    }
    throw e;
  }
}

interface OutputPlan {
  prng: Prng;
  count: number | undefined;
  format: "dec" | "hex" | "raw";
  wordBits: number;
}

function planOutput(positionals: string[], values: { seed?: string; count?: string; format?: string }): OutputPlan {
  if (positionals.length === 0) throw new UsageError("missing generator NAME (see rnglab prng --list)");
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`);
  const factory = findPrng(positionals[0]);
  if (!factory) throw new UsageError(`unknown generator '${positionals[0]}' (see rnglab prng --list)`);
  if (values.seed === undefined) throw new UsageError("--seed is required");
  const seed = parseSeed(values.seed);
  if (seed === undefined) throw new UsageError(`invalid seed '${values.seed}': give a decimal or 0x-hex integer`);
  const why = factory.checkSeed(seed);
  if (why) throw new UsageError(why);
  const format = (values.format ?? "dec") as OutputPlan["format"];
  if (!["dec", "hex", "raw"].includes(format)) throw new UsageError(`--format must be dec, hex or raw, not '${values.format}'`);
  let count: number | undefined;
  if (values.count !== undefined) {
    if (!/^[0-9]+$/.test(values.count) || !Number.isSafeInteger(Number(values.count))) {
      throw new UsageError(`invalid --count '${values.count}': give a non-negative integer`);
    }
    count = Number(values.count);
  } else if (format !== "raw") {
    throw new UsageError("--count is required (except with --format raw, which streams)");
  }
  return { prng: factory.create(seed), count, format, wordBits: factory.info.wordBits };
}

async function emit(plan: OutputPlan, io: CliIo): Promise<number> {
  const { prng, format, wordBits } = plan;
  if (format === "raw") {
    if (!io.stdoutBytes) throw new Error("raw output needs a byte stream");
    // 1 MiB chunks from two alternating buffers: one is being written (the pipe, in another thread)
    // while fill() generates the next, so generation and the reader's pipe overlap.
    const bytesPerWord = wordBits / 8;
    const outputsPerChunk = (1 << 20) / bytesPerWord;
    const buffers = [0, 1].map(() => new Uint32Array(outputsPerChunk * (bytesPerWord / 4)));
    let pending: Promise<boolean> = Promise.resolve(true);
    let left = plan.count ?? Infinity;
    for (let i = 0; left > 0; i++) {
      const n = Math.min(left, outputsPerChunk);
      const words = buffers[i & 1];
      const view = n === outputsPerChunk ? words : words.subarray(0, n * (bytesPerWord / 4));
      prng.fill(view);
      const chunk = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
      if (!(await pending)) return 0;
      pending = io.stdoutBytes(hostIsLittleEndian ? chunk : littleEndian(chunk));
      left -= n;
    }
    await pending;
    return 0;
  }
  const digits = wordBits / 4;
  let left = plan.count as number;
  while (left > 0) {
    const n = Math.min(left, CHUNK);
    let out = "";
    for (let i = 0; i < n; i++) {
      const v = prng.nextOutput();
      out += (format === "hex" ? v.toString(16).padStart(digits, "0") : v.toString()) + "\n";
    }
    io.stdout(out);
    left -= n;
  }
  return 0;
}

/** Typed arrays use the host's byte order; raw output is little-endian on every host. */
const hostIsLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
function littleEndian(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 4) {
    out[i] = bytes[i + 3];
    out[i + 1] = bytes[i + 2];
    out[i + 2] = bytes[i + 1];
    out[i + 3] = bytes[i];
  }
  return out;
}
