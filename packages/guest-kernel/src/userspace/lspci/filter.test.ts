import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toPciDev } from "./device.js";
import { filterMatch, lspci, newFilter, parseIdFilter, parseSlotFilter, type SysfsPciFunction } from "./index.js";

const MESSAGES = [
  "Expression too long",
  "Too many fields",
  "Invalid domain number",
  "Invalid bus number",
  "Invalid slot/function number",
  "Invalid slot number",
  "Invalid function number",
];

const hexOf = (max: number): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max: 3 }), fc.boolean()).map(([n, pad, upper]) => {
    const s = "0".repeat(pad) + n.toString(16);
    return upper ? s.toUpperCase() : s;
  });
const part = (max: number): fc.Arbitrary<string> => fc.oneof(hexOf(max), fc.constant("*"), fc.constant(""));

/** [[[[<domain>]:]<bus>]:][<slot>][.[<func>]] built from in-range pieces. */
const validSlotFilter = fc
  .record({ domain: fc.option(part(0x7fffffff)), bus: fc.option(part(0xff)), slot: part(0x1f), func: fc.option(part(7)) })
  .map(({ domain, bus, slot, func }) => {
    let s = slot + (func === null ? "" : `.${func}`);
    if (bus !== null || domain !== null) s = `${bus ?? ""}:${s}`;
    if (domain !== null) s = `${domain}:${s}`;
    return s;
  });

function fn(name: string, vendor: number, device: number): SysfsPciFunction {
  const config = new Uint8Array(256);
  config.set([vendor & 0xff, vendor >> 8, device & 0xff, device >> 8, 0x03, 0x01, 0, 0, 0, 0, 0x00, 0x02]);
  return { name, config, resource: [], irq: 0 };
}

describe("-s filter parser (lib/filter.c)", () => {
  it("accepts every well-formed filter", () => {
    fc.assert(
      fc.property(validSlotFilter, (s) => {
        expect(parseSlotFilter(newFilter(), s)).toBeNull();
      }),
    );
  });

  it("never throws, and only ever answers with one of pciutils' messages", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-fA-FxX*.:]{0,70}$/)), (s) => {
        const msg = parseSlotFilter(newFilter(), s);
        expect(msg === null || MESSAGES.includes(msg)).toBe(true);
      }),
    );
  });

  it("selects exactly the device whose address it spells", () => {
    const addr = fc.record({ bus: fc.integer({ min: 0, max: 0xff }), dev: fc.integer({ min: 0, max: 0x1f }), func: fc.integer({ min: 0, max: 7 }) });
    fc.assert(
      fc.property(addr, addr, (want, other) => {
        const f = newFilter();
        expect(parseSlotFilter(f, `${want.bus.toString(16)}:${want.dev.toString(16)}.${want.func}`)).toBeNull();
        const name = (a: typeof want): string => `0000:${a.bus.toString(16).padStart(2, "0")}:${a.dev.toString(16).padStart(2, "0")}.${a.func}`;
        expect(filterMatch(f, toPciDev(fn(name(want), 0x8086, 0x100e))), "itself").toBe(true);
        const same = want.bus === other.bus && want.dev === other.dev && want.func === other.func;
        expect(filterMatch(f, toPciDev(fn(name(other), 0x8086, 0x100e)))).toBe(same);
      }),
    );
  });

  it("gives pciutils' message, exit status 1 and no output for out-of-range parts", () => {
    const bad = fc.oneof(
      fc.integer({ min: 0x20, max: 0xfff }).map((n) => ({ arg: `00:${n.toString(16)}.0`, msg: "Invalid slot number" })),
      fc.integer({ min: 8, max: 0xf }).map((n) => ({ arg: `00:04.${n.toString(16)}`, msg: "Invalid function number" })),
      fc.integer({ min: 0x100, max: 0xffff }).map((n) => ({ arg: `${n.toString(16)}:04.0`, msg: "Invalid bus number" })),
      fc.integer({ min: 0x80000000, max: 0xffffffff }).map((n) => ({ arg: `${n.toString(16)}:00:04.0`, msg: "Invalid domain number" })),
      fc.constantFrom("0:0:0:0", "::::", "1:2:3:4.5").map((arg) => ({ arg, msg: "Too many fields" })),
      fc.constantFrom("4.0.1", "..", "0:0.1.").map((arg) => ({ arg, msg: "Invalid slot/function number" })),
      fc.constantFrom("g", "00:zz", "0x4", "-1", "04 ").map((arg) => ({ arg, msg: arg.includes(":") ? "Invalid slot number" : "Invalid slot number" })),
      fc.integer({ min: 64, max: 100 }).map((n) => ({ arg: "0".repeat(n), msg: "Expression too long" })),
    );
    fc.assert(
      fc.property(bad, ({ arg, msg }) => {
        expect(lspci(["-s", arg], [fn("0000:00:04.0", 0x1234, 0xcafe)])).toEqual({ stdout: "", stderr: `lspci: -s: ${msg}\n`, status: 1 });
      }),
    );
  });

  it("handles the omitted and wildcard parts as pciutils does", () => {
    const devs = [fn("0000:00:04.0", 0x1b36, 5), fn("0000:00:03.0", 0x8086, 0x100e), fn("0001:02:04.1", 0x8086, 0x100e)];
    const shown = (arg: string): string[] =>
      lspci(["-s", arg, "-n"], devs)
        .stdout.split("\n")
        .filter((l) => l !== "")
        .map((l) => l.split(" ")[0]!);
    expect(shown("04")).toEqual(["0000:00:04.0", "0001:02:04.1"]);
    expect(shown("4.1")).toEqual(["0001:02:04.1"]);
    expect(shown(".0")).toEqual(["0000:00:03.0", "0000:00:04.0"]);
    expect(shown("2:")).toEqual(["0001:02:04.1"]);
    expect(shown("1::")).toEqual(["0001:02:04.1"]);
    expect(shown("*:*:*.*")).toHaveLength(3);
    expect(shown("")).toHaveLength(3);
    // 32-bit wraparound of the digit check: nine hex digits can come back as domain 0.
    expect(shown("100000000:00:03")).toEqual(["0000:00:03.0"]);
  });
});

describe("-d filter parser", () => {
  it("matches vendor, device and masked class", () => {
    const devs = [fn("0000:00:04.0", 0x1b36, 5), fn("0000:00:03.0", 0x8086, 0x100e)];
    expect(lspci(["-n", "-d", "8086:"], devs).stdout).toBe("00:03.0 0200: 8086:100e\n");
    expect(lspci(["-n", "-d", ":5"], devs).stdout).toBe("00:04.0 0200: 1b36:0005\n");
    expect(lspci(["-n", "-d", "::02xx"], devs).stdout.split("\n")).toHaveLength(3);
    expect(lspci(["-n", "-d", "::03xx"], devs).stdout).toBe("");
    expect(lspci(["-d", "8086"], devs)).toEqual({ stdout: "", stderr: "lspci: -d: At least two fields must be given\n", status: 1 });
    expect(parseIdFilter(newFilter(), "10000:1")).toBe("Invalid vendor ID");
    expect(parseIdFilter(newFilter(), "1:2:3:4:5")).toBe("Too many fields");
  });
});
