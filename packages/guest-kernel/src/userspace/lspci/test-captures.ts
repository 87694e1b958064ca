/*
 * Test helper (not built): splits a guest capture into its commands and rebuilds the sysfs view of each
 * PCI function from what the capture shows: config bytes from `lspci -x`, regions from `lspci -vv`
 * (exact one-byte legacy ports from /proc/ioports), IRQ, slot and modules from `lspci -v`.
 */
import type { SysfsPciFunction } from "./types.js";

export interface CapturedCommand {
  command: string;
  output: string;
  rc: number;
}

export function parseCaptures(text: string): CapturedCommand[] {
  const result: CapturedCommand[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const head = /^===== (.*) =====$/.exec(lines[i]!);
    if (head === null) continue;
    const body: string[] = [];
    let rc = 0;
    for (i++; i < lines.length; i++) {
      const end = /^----- rc=(\d+) -----$/.exec(lines[i]!);
      if (end !== null) {
        rc = Number(end[1]);
        break;
      }
      if (/^===== .* =====$/.test(lines[i]!)) {
        i--;
        break;
      }
      body.push(lines[i]!);
    }
    result.push({ command: head[1]!, output: body.length > 0 ? `${body.join("\n")}\n` : "", rc });
  }
  return result;
}

export function commandOutput(caps: readonly CapturedCommand[], command: string): string {
  const c = caps.find((x) => x.command === command);
  if (c === undefined) throw new Error(`no capture of ${command}`);
  return c.output;
}

/** Device blocks of a verbose listing, keyed by "bb:dd.f". */
function blocks(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const block of text.split("\n\n")) {
    const lines = block.split("\n").filter((l) => l !== "");
    if (lines.length > 0) map.set(lines[0]!.slice(0, 7), lines);
  }
  return map;
}

const MEM = 0x40200n;
const PREFETCH = 0x2008n;
const IO = 0x40101n;
/** LEGACY_IO_RESOURCE: IORESOURCE_IO | IORESOURCE_PCI_FIXED, as the kernel's legacy IDE quirk sets it. */
const LEGACY_IO = 0x110n;
/** IORESOURCE_MEM | IORESOURCE_ROM_SHADOW | IORESOURCE_PCI_FIXED for the shadowed VGA ROM. */
const SHADOW_ROM = 0x212n;
const ROM = 0x46200n;

function sizeOf(text: string): bigint {
  const m = /^(\d+)([KMG]?)$/.exec(text);
  if (m === null) throw new Error(`size ${text}`);
  const unit = { "": 1n, K: 1024n, M: 1024n ** 2n, G: 1024n ** 3n }[m[2] as "" | "K" | "M" | "G"];
  return BigInt(m[1]!) * unit;
}

export function buildFunctions(caps: readonly CapturedCommand[]): SysfsPciFunction[] {
  const hexdump = commandOutput(caps, "lspci -x");
  const vv = blocks(commandOutput(caps, "lspci -vv"));
  const v = blocks(commandOutput(caps, "lspci -v"));
  const ioports = commandOutput(caps, "cat /proc/ioports");
  const fns: SysfsPciFunction[] = [];
  for (const block of hexdump.split("\n\n")) {
    const lines = block.split("\n").filter((l) => l !== "");
    if (lines.length === 0) continue;
    const slot = lines[0]!.slice(0, 7);
    const config = new Uint8Array(256);
    for (const row of lines.slice(1)) {
      const [off, ...bytes] = row.split(/:? /);
      bytes.forEach((b, i) => (config[parseInt(off!, 16) + i] = parseInt(b, 16)));
    }
    const resource = Array.from({ length: 13 }, () => ({ start: 0n, end: 0n, flags: 0n }));
    for (const line of vv.get(slot) ?? []) {
      const mem = /^\tRegion (\d): Memory at ([0-9a-f]+) \(32-bit, (non-)?prefetchable\) \[size=(\w+)\]$/.exec(line);
      const io = /^\tRegion (\d): I\/O ports at ([0-9a-f]+)(?: \[size=(\w+)\])?$/.exec(line);
      const rom = /^\tExpansion ROM at ([0-9a-f]+) \[disabled\] \[size=(\w+)\]$/.exec(line);
      if (mem !== null) {
        const start = BigInt(`0x${mem[2]}`);
        resource[Number(mem[1])] = { start, end: start + sizeOf(mem[4]!) - 1n, flags: mem[3] === undefined ? MEM | PREFETCH : MEM };
      } else if (io !== null && io[3] !== undefined) {
        const start = BigInt(`0x${io[2]}`);
        resource[Number(io[1])] = { start, end: start + sizeOf(io[3]) - 1n, flags: IO };
      } else if (io !== null) {
        // A port lspci shows without a size: the kernel's one-port legacy resource, found in /proc/ioports.
        const base = parseInt(io[2]!, 16);
        const m = new RegExp(`^ *([0-9a-f]{4})-\\1 : 0000:${slot.replace(".", "\\.")}$`, "m");
        const hit = ioports.split("\n").map((l) => m.exec(l)).find((x) => x !== null && (parseInt(x[1]!, 16) & ~3) === base);
        const port = BigInt(`0x${hit![1]}`);
        resource[Number(io[1])] = { start: port, end: port, flags: LEGACY_IO };
      } else if (rom !== null) {
        const start = BigInt(`0x${rom[1]}`);
        resource[6] = { start, end: start + sizeOf(rom[2]!) - 1n, flags: start < 0x100000n ? SHADOW_ROM : ROM };
      }
    }
    // IDE regions at fixed legacy addresses are LEGACY_IO_RESOURCE too, sized or not.
    if (config[0x0a] === 0x01 && config[0x0b] === 0x01) {
      for (const i of [0, 2]) if (resource[i]!.flags === IO) resource[i]!.flags = LEGACY_IO;
    }
    const vLines = v.get(slot) ?? [];
    const irq = vLines.map((l) => /IRQ (\d+)$/.exec(l)).find((m) => m !== null);
    const physical = vLines.map((l) => /^\tPhysical Slot: (\S+)$/.exec(l)).find((m) => m !== null);
    const modules = vLines.map((l) => /^\tKernel modules: (.*)$/.exec(l)).find((m) => m !== null);
    fns.push({
      name: `0000:${slot}`,
      config,
      resource,
      irq: irq ? Number(irq[1]) : 0,
      ...(physical ? { physicalSlot: physical[1]! } : {}),
      ...(modules ? { modules: modules[1]!.split(", ") } : {}),
    });
  }
  return fns;
}

/** Split a captured command line the way the shell did (no quoting in the lspci commands). */
export const argvOf = (command: string): string[] => command.split(" ").slice(1);
