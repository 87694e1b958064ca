import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lspci, type SysfsPciFunction } from "./index.js";
import { argvOf, buildFunctions, commandOutput, parseCaptures } from "./test-captures.js";

const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../../test/fixtures/guest/${name}`, import.meta.url)), "utf8");

const lab = parseCaptures(fixture("lab.txt"));
const nic = parseCaptures(fixture("nic-before.txt"));

/** What loading e1000 by hand changed: the driver link, bus mastering on (pci_set_master), IRQ kept. */
function withE1000Bound(fns: readonly SysfsPciFunction[]): SysfsPciFunction[] {
  return fns.map((f) => {
    if (f.config[0] !== 0x86 || f.config[2] !== 0x0e || f.config[3] !== 0x10) return f;
    const config = f.config.slice();
    config[0x04] = config[0x04]! | 0x04;
    return { ...f, config, driver: "e1000" };
  });
}

describe.each([
  ["lab.txt", lab],
  ["nic-before.txt", nic],
])("lspci against %s", (_name, caps) => {
  const before = buildFunctions(caps);
  const insmodAt = caps.findIndex((c) => c.command.startsWith("insmod /lib/modules"));
  const cases = caps
    .map((c, i) => ({ ...c, i }))
    .filter((c) => c.command === "lspci" || c.command.startsWith("lspci "));

  it("covers every lspci command of the capture", () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  it.each(cases.map((c) => [c.command, c] as const))("%s", (_cmd, c) => {
    const fns = insmodAt >= 0 && c.i > insmodAt ? withE1000Bound(before) : before;
    const r = lspci(argvOf(c.command), fns);
    expect(r.stdout).toBe(c.output);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(c.rc);
  });
});

describe("rebuilt sysfs view", () => {
  it("matches the captured resource file of the test device", () => {
    const text = commandOutput(lab, "cat /sys/bus/pci/devices/0000:00:04.0/resource");
    const captured = text
      .trim()
      .split("\n")
      .map((l) => l.split(" ").map((x) => BigInt(x)));
    const dev = buildFunctions(lab).find((f) => f.name === "0000:00:04.0")!;
    expect(dev.resource.map((r) => [r.start, r.end, r.flags])).toEqual(captured);
  });

  it("matches the captured config dump of the test device", () => {
    const dev = buildFunctions(nic).find((f) => f.name === "0000:00:05.0")!;
    const dump = commandOutput(nic, "hexdump -C /sys/bus/pci/devices/0000:00:05.0/config");
    const bytes = dump
      .split("\n")
      .filter((l) => /^[0-9a-f]{8}  /.test(l))
      .flatMap((l) => l.slice(10, 58).trim().split(/ +/).map((b) => parseInt(b, 16)));
    expect(Array.from(dev.config.slice(0, 64))).toEqual(bytes);
    expect(Array.from(dev.config.slice(64)).every((b) => b === 0)).toBe(true);
  });
});
