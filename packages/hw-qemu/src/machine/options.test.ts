import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDevfn, parseUint } from "./device-models.js";
import { parseMachineOptions } from "./options.js";
import { PcMachine } from "./pc-machine.js";
import { QemuError, QemuHelp } from "./qemu-error.js";
import { parseQemuOpts, parseSize } from "./qemu-opts.js";

/** What qemu-system-x86_64 prints on stderr for these options (as our CLI renders it), and its status. */
function qemuStderr(args: string[]): { stderr: string; rc: number } {
  try {
    PcMachine.fromArgs(args);
    return { stderr: "", rc: 0 };
  } catch (e) {
    if (e instanceof QemuError) return { stderr: e.render(), rc: 1 };
    throw e;
  }
}

describe("QEMU's own error texts (test/fixtures/qemu/errors.txt, real QEMU 7.2.22)", () => {
  const text = readFileSync(join(import.meta.dirname, "../../test/fixtures/qemu/errors.txt"), "utf8");
  const cases = [...text.matchAll(/===== (.*?) =====\n([\s\S]*?)----- rc=(\d+) -----/g)];
  it("has cases", () => expect(cases.length).toBeGreaterThanOrEqual(3));
  for (const [, opts, stderr, rc] of cases) {
    it(opts, () => {
      const args = ["-M", "pc", "-m", "128", ...opts.split(" ")];
      expect(qemuStderr(args)).toEqual({ stderr, rc: Number(rc) });
    });
  }
});

describe("more bad options get QEMU's wording", () => {
  const cases: [string[], string][] = [
    [["-foo"], "qemu-system-x86_64: -foo: invalid option\n"],
    [["-m"], "qemu-system-x86_64: -m: requires an argument\n"],
    [["-device", "e1000,foo=1"], "qemu-system-x86_64: -device e1000,foo=1: Property 'e1000.foo' not found\n"],
    [["-device", "e1000,addr=zz"], "qemu-system-x86_64: -device e1000,addr=zz: Property 'e1000.addr' doesn't take value 'zz'\n"],
    [["-device", "e1000,addr=40.0"], "qemu-system-x86_64: -device e1000,addr=40.0: Property 'e1000.addr' doesn't take value '40.0'\n"],
    [["-device", "my_rng,version=x"], "qemu-system-x86_64: -device my_rng,version=x: Parameter 'version' expects integer\n"],
    [["-device", "e1000,multifunction=maybe"], "qemu-system-x86_64: -device e1000,multifunction=maybe: Parameter 'multifunction' expects 'on' or 'off'\n"],
    [
      ["-m", "foo"],
      "qemu-system-x86_64: -m foo: Parameter 'size' expects a non-negative number below 2^64\nOptional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-\nand exabytes, respectively.\n",
    ],
    [["-vga", "nosuch"], "qemu-system-x86_64: unknown vga type: nosuch\n"],
    [["-nic", "model=nosuch"], "qemu-system-x86_64: Unsupported NIC model: nosuch\n"],
    [["-device", "e1000,id=1x"], "qemu-system-x86_64: -device e1000,id=1x: Parameter 'id' expects an identifier\nIdentifiers consist of letters, digits, '-', '.', '_', starting with a letter.\n"],
    [["-device", "e1000,id=a", "-device", "edu,id=a"], "qemu-system-x86_64: -device edu,id=a: Duplicate ID 'a' for device\n"],
    [["-device", "e1000,addr=2"], "qemu-system-x86_64: -device e1000,addr=2: PCI: slot 2 function 0 not available for e1000, in use by VGA,id=(null)\n"],
    [["-device", "edu,addr=3.1"], "qemu-system-x86_64: -device edu,addr=3.1: PCI: single function device can't be populated in function 3.1\n"],
    [["-device", "edu,addr=5.1", "-device", "e1000,addr=5"], "qemu-system-x86_64: -device e1000,addr=5: PCI: 5.0 indicates single function, but 5.1 is already populated.\n"],
  ];
  for (const [args, stderr] of cases) {
    it(args.join(" "), () => expect(qemuStderr(args)).toEqual({ stderr, rc: 1 }));
  }
  it("a multifunction function 0 lets other functions share its slot", () => {
    expect(qemuStderr(["-device", "edu,addr=5.0,multifunction=on", "-device", "my_rng,addr=5.1"]).rc).toBe(0);
  });
  it("-device help and -M help are help, not errors", () => {
    expect(() => parseMachineOptions(["-M", "help"])).toThrow(QemuHelp);
    expect(() => PcMachine.fromArgs(["-device", "help"])).toThrow(QemuHelp);
  });
});

describe("option parser", () => {
  it("options that do not change the machine are accepted with one note each", () => {
    const cfg = parseMachineOptions(["-display", "none", "-no-reboot", "-nographic", "-serial", "stdio", "-m", "512"]);
    expect(cfg.notes).toHaveLength(4);
    expect(cfg.ramBytes).toBe(512 * 2 ** 20);
  });
  it("-accel and -enable-kvm select the accelerator", () => {
    expect(parseMachineOptions(["-accel", "kvm"]).accel).toBe("kvm");
    expect(parseMachineOptions(["-enable-kvm"]).accel).toBe("kvm");
    expect(parseMachineOptions(["-machine", "pc,accel=tcg"]).accel).toBe("tcg");
  });
  it("-m takes MiB without a suffix, suffixes k/M/G/T, size=, rounds up to 8 KiB, and 0 means the default", () => {
    expect(parseMachineOptions(["-m", "1G"]).ramBytes).toBe(2 ** 30);
    expect(parseMachineOptions(["-m", "size=256M"]).ramBytes).toBe(256 * 2 ** 20);
    expect(parseMachineOptions(["-m", "0"]).ramBytes).toBe(128 * 2 ** 20);
    expect(parseMachineOptions(["-m", "1.5"]).ramBytes).toBe(1.5 * 2 ** 20);
    expect(parseMachineOptions(["-m", "100k"]).ramBytes).toBe(106496);
  });
  it("QemuOpts: ',,' is a literal comma and the first element takes the implied key", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => !s.includes("=")),
        fc.array(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), fc.string()), { maxLength: 5 }),
        (first, pairs) => {
          const esc = (s: string) => s.replaceAll(",", ",,");
          const text = [esc(first), ...pairs.map(([k, v]) => `${k}=${esc(v)}`)].join(",");
          const parsed = parseQemuOpts(text, "driver", "-device x");
          return JSON.stringify(parsed) === JSON.stringify([["driver", first], ...pairs]);
        },
      ),
    );
  });
  it("addr= is hex SS[.F] with slot ≤ 31 and function ≤ 7, as sscanf(\"%x.%x\") reads it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x3f }), fc.option(fc.integer({ min: 0, max: 9 })), fc.boolean(), (slot, fn, pad) => {
        const s = (pad ? slot.toString(16).padStart(2, "0") : slot.toString(16)) + (fn === null ? "" : `.${fn}`);
        const want = slot <= 31 && (fn ?? 0) <= 7 ? (slot << 3) | (fn ?? 0) : undefined;
        return parseDevfn(s) === want;
      }),
    );
    for (const bad of ["", "zz", "4.", "4.0x", "4,0", "4.0.0"]) expect(parseDevfn(bad)).toBeUndefined();
  });
  it("integers are decimal, 0x-hex or 0-octal below 2^64", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (n) => parseUint(n.toString()) === n && parseUint("0x" + n.toString(16)) === n),
    );
    expect(parseUint("010")).toBe(8n);
    expect(parseUint(String(2n ** 64n))).toBeUndefined();
    expect(parseUint("-1")).toBeUndefined();
  });
  it("sizes: any number with a suffix is that many bytes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4096 }), fc.constantFrom(["k", 10], ["M", 20], ["G", 30], ["T", 40]), (n, [suf, shift]) => {
        return parseSize(`${n}${suf}`, 1) === n * 2 ** (shift as number) && parseSize(`${n}`, 2 ** 20) === n * 2 ** 20;
      }),
    );
    expect(parseSize("12Q", 1)).toBeUndefined();
  });
  it("random option words never crash the parser: they parse, or fail with a QEMU error or help", () => {
    const word = fc.oneof(
      fc.constantFrom("-m", "-M", "-device", "-nic", "-net", "-vga", "-nodefaults", "-display", "-accel", "--", "-x", "pc", "none", "e1000", "my_rng,addr=3", "1G", "model=rtl8139", "help"),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (args) => {
        try {
          PcMachine.fromArgs(args);
        } catch (e) {
          return e instanceof QemuError || e instanceof QemuHelp;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
