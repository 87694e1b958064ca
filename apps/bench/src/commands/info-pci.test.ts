import { describe, expect, it } from "vitest";
import { runCli } from "../test-cli.js";

const run = async (argv: string[]) => {
  const { code, stdout, stderr } = await runCli(argv);
  return { code, stdout, stderr };
};

const infoPci = (...machine: string[]) => run(machine.length ? ["info-pci", "--", ...machine] : ["info-pci"]);

interface PciFunction {
  slot: number;
  fn: number;
  lines: string[];
}

/** Splits HMP "info pci" text into functions (every line belongs to one: no text before the first). */
function parseInfoPci(text: string): PciFunction[] {
  const out: PciFunction[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const m = /^ {2}Bus {2}0, device +(\d+), function (\d+):$/.exec(line);
    if (m) {
      out.push({ slot: Number(m[1]), fn: Number(m[2]), lines: [] });
      continue;
    }
    if (out.length === 0) throw new Error(`text before the first function: ${JSON.stringify(line)}`);
    out[out.length - 1].lines.push(line);
  }
  return out;
}

const RNG_ID = "PCI device 1234:cafe";
const rngFunctions = (text: string) => parseInfoPci(text).filter((f) => f.lines.some((l) => l.includes(RNG_ID)));

/** `-M pc -m 128 -device my_rng` after SeaBIOS, as QEMU 7.2 prints it (cf. the lab.infopci.txt capture). */
const DEFAULT_INFO_PCI = `  Bus  0, device   0, function 0:
    Host bridge: PCI device 8086:1237
      PCI subsystem 1af4:1100
      id ""
  Bus  0, device   1, function 0:
    ISA bridge: PCI device 8086:7000
      PCI subsystem 1af4:1100
      id ""
  Bus  0, device   1, function 1:
    IDE controller: PCI device 8086:7010
      PCI subsystem 1af4:1100
      BAR4: I/O at 0xc040 [0xc04f].
      id ""
  Bus  0, device   1, function 3:
    Bridge: PCI device 8086:7113
      PCI subsystem 1af4:1100
      IRQ 9, pin A
      id ""
  Bus  0, device   2, function 0:
    VGA controller: PCI device 1234:1111
      PCI subsystem 1af4:1100
      BAR0: 32 bit prefetchable memory at 0xfd000000 [0xfdffffff].
      BAR2: 32 bit memory at 0xfebf0000 [0xfebf0fff].
      BAR6: 32 bit memory at 0xffffffffffffffff [0x0000fffe].
      id ""
  Bus  0, device   3, function 0:
    Ethernet controller: PCI device 8086:100e
      PCI subsystem 1af4:1100
      IRQ 11, pin A
      BAR0: 32 bit memory at 0xfebc0000 [0xfebdffff].
      BAR1: I/O at 0xc000 [0xc03f].
      BAR6: 32 bit memory at 0xffffffffffffffff [0x0003fffe].
      id ""
  Bus  0, device   4, function 0:
    Class 0255: PCI device 1234:cafe
      PCI subsystem 1af4:1100
      BAR0: 32 bit memory at 0xfebf1000 [0xfebf1fff].
      id ""
`;

const NODEFAULTS_INFO_PCI = `  Bus  0, device   0, function 0:
    Host bridge: PCI device 8086:1237
      PCI subsystem 1af4:1100
      id ""
  Bus  0, device   1, function 0:
    ISA bridge: PCI device 8086:7000
      PCI subsystem 1af4:1100
      id ""
  Bus  0, device   1, function 1:
    IDE controller: PCI device 8086:7010
      PCI subsystem 1af4:1100
      BAR4: I/O at 0xc000 [0xc00f].
      id ""
  Bus  0, device   1, function 3:
    Bridge: PCI device 8086:7113
      PCI subsystem 1af4:1100
      IRQ 9, pin A
      id ""
  Bus  0, device   2, function 0:
    Class 0255: PCI device 1234:cafe
      PCI subsystem 1af4:1100
      BAR0: 32 bit memory at 0xfebff000 [0xfebfffff].
      id ""
`;

describe("info-pci on the default machine (-M pc -m 128 -device my_rng)", () => {
  it("prints QEMU's info pci, with my_rng in slot 4 at 0xfebf1000", async () => {
    const r = await infoPci();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(DEFAULT_INFO_PCI);
  });

  it("my_rng is exactly one function: class 0255 (0x00ff printed in decimal), one 4 KiB 32-bit BAR0", async () => {
    const rng = rngFunctions((await infoPci()).stdout);
    expect(rng).toHaveLength(1);
    expect(rng[0]).toEqual({
      slot: 4,
      fn: 0,
      lines: [
        "    Class 0255: PCI device 1234:cafe",
        "      PCI subsystem 1af4:1100",
        "      BAR0: 32 bit memory at 0xfebf1000 [0xfebf1fff].",
        '      id ""',
      ],
    });
  });

  it("is the same machine as the explicit -M pc -m 128 -device my_rng, and as -device my_rng alone", async () => {
    expect((await infoPci("-M", "pc", "-m", "128", "-device", "my_rng")).stdout).toBe(DEFAULT_INFO_PCI);
    expect((await infoPci("-device", "my_rng")).stdout).toBe(DEFAULT_INFO_PCI);
  });

  it("an empty machine option list after -- means the default machine", async () => {
    const r = await run(["info-pci", "--"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(DEFAULT_INFO_PCI);
  });

  it("is deterministic: two runs print the same bytes", async () => {
    expect((await infoPci()).stdout).toBe((await infoPci()).stdout);
  });
});

describe("info-pci with machine options", () => {
  it("a NIC before it moves my_rng to slot 5 at 0xfebd1000", async () => {
    const r = await infoPci("-M", "pc", "-m", "128", "-device", "e1000", "-device", "my_rng");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const rng = rngFunctions(r.stdout);
    expect(rng).toHaveLength(1);
    expect(rng[0].slot).toBe(5);
    expect(rng[0].fn).toBe(0);
    expect(rng[0].lines).toContain("      BAR0: 32 bit memory at 0xfebd1000 [0xfebd1fff].");
    // Two Intel e1000s now: the default NIC in slot 3 and the -device one in slot 4.
    const nics = parseInfoPci(r.stdout).filter((f) => f.lines.some((l) => l.includes("8086:100e")));
    expect(nics.map((f) => f.slot)).toEqual([3, 4]);
  });

  it("-nodefaults -device my_rng puts it in slot 2 at 0xfebff000, with no VGA and no NIC", async () => {
    const r = await infoPci("-nodefaults", "-device", "my_rng");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(NODEFAULTS_INFO_PCI);
    expect(r.stdout).not.toContain("1234:1111");
    expect(r.stdout).not.toContain("8086:100e");
  });

  it("addr= places it in the requested slot (same BAR address: the BAR set is unchanged)", async () => {
    const r = await infoPci("-nodefaults", "-device", "my_rng,addr=05.0");
    expect(r.code).toBe(0);
    const rng = rngFunctions(r.stdout);
    expect(rng.map((f) => [f.slot, f.fn])).toEqual([[5, 0]]);
    expect(rng[0].lines).toContain("      BAR0: 32 bit memory at 0xfebff000 [0xfebfffff].");
  });

  it("machine options replace the default entirely: -m 512 -device pci-testdev has no my_rng", async () => {
    const r = await infoPci("-m", "512", "-device", "pci-testdev");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).not.toContain("1234:cafe");
    expect(r.stdout).toContain("Class 0255: PCI device 1b36:0005");
    // The default's VGA and NIC are still there: only the -device list was replaced.
    expect(r.stdout).toContain("VGA controller: PCI device 1234:1111");
    expect(r.stdout).toContain("Ethernet controller: PCI device 8086:100e");
  });

  it("two my_rng devices take consecutive slots and consecutive 4 KiB BARs", async () => {
    const r = await infoPci("-device", "my_rng", "-device", "my_rng");
    const rng = rngFunctions(r.stdout);
    expect(rng.map((f) => f.slot)).toEqual([4, 5]);
    expect(rng[0].lines).toContain("      BAR0: 32 bit memory at 0xfebf1000 [0xfebf1fff].");
    expect(rng[1].lines).toContain("      BAR0: 32 bit memory at 0xfebf2000 [0xfebf2fff].");
  });

  it("own arguments before -- are rejected (machine options go after --), with nothing on stdout", async () => {
    const r = await run(["info-pci", "-nodefaults"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("'-nodefaults'");
  });

  it("-device help lists the devices on stdout and exits 0, like QEMU", async () => {
    const r = await infoPci("-device", "help");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain('name "my_rng"');
    expect(r.stdout).not.toContain("Bus  0");
  });
});

describe("accepted options that do not change the modeled machine", () => {
  it("-display none -nographic -no-reboot -accel kvm: no error, the same info pci as without them", async () => {
    const r = await infoPci("-display", "none", "-nographic", "-no-reboot", "-accel", "kvm", "-device", "my_rng");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(DEFAULT_INFO_PCI);
    expect(r.stderr).not.toContain("qemu-system-x86_64");
  });

  it("each ignored option prints exactly one 'rnglab: note:' line on stderr, naming it, in order", async () => {
    const r = await infoPci("-display", "none", "-nographic", "-no-reboot", "-accel", "kvm", "-device", "my_rng");
    const lines = r.stderr.split("\n");
    expect(lines.pop()).toBe(""); // ends with a newline
    for (const l of lines) expect(l).toMatch(/^rnglab: note: /);
    const ignored = lines.filter((l) => /-display none|-nographic|-no-reboot/.test(l));
    expect(ignored).toHaveLength(3);
    expect(ignored[0]).toMatch(/^rnglab: note: -display none: /);
    expect(ignored[1]).toMatch(/^rnglab: note: -nographic: /);
    expect(ignored[2]).toMatch(/^rnglab: note: -no-reboot: /);
  });

  it("one note per occurrence", async () => {
    const r = await infoPci("-nographic", "-nographic", "-device", "my_rng");
    expect(r.code).toBe(0);
    expect(r.stderr.match(/^rnglab: note: -nographic/gm)).toHaveLength(2);
    expect(r.stdout).toBe(DEFAULT_INFO_PCI);
  });

  it("the notes go to stderr only: stdout is exactly the info pci text", async () => {
    const r = await infoPci("-display", "none", "-nodefaults", "-device", "my_rng");
    expect(r.stdout).toBe(NODEFAULTS_INFO_PCI);
    expect(r.stdout).not.toContain("note");
    expect(r.stderr).toMatch(/^rnglab: note: -display none: .*\n$/);
  });
});

describe("QEMU's errors: exact stderr, exit 1, nothing on stdout", () => {
  const P = "qemu-system-x86_64: ";
  const cases: [string[], string][] = [
    [["-device", "nosuchdev"], `${P}-device nosuchdev: 'nosuchdev' is not a valid device model name\n`],
    [
      ["-device", "pci-testdev,addr=04.0", "-device", "e1000,addr=04.0"],
      `${P}-device e1000,addr=04.0: PCI: slot 4 function 0 not available for e1000, in use by pci-testdev,id=(null)\n`,
    ],
    [["-M", "nosuch"], `${P}unsupported machine type\nUse -machine help to list supported machines\n`],
    [["-foo"], `${P}-foo: invalid option\n`],
    [["-m"], `${P}-m: requires an argument\n`],
    [["-device", "e1000,foo=1"], `${P}-device e1000,foo=1: Property 'e1000.foo' not found\n`],
    [["-device", "e1000,addr=zz"], `${P}-device e1000,addr=zz: Property 'e1000.addr' doesn't take value 'zz'\n`],
  ];
  for (const [machine, stderr] of cases) {
    it(machine.join(" "), async () => {
      const r = await infoPci(...machine);
      expect(r).toEqual({ code: 1, stdout: "", stderr });
    });
  }

  it("the same errors come from a valid prefix: nothing is printed for a machine that fails later", async () => {
    const r = await infoPci("-nographic", "-device", "my_rng", "-device", "nosuchdev");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${P}-device nosuchdev: 'nosuchdev' is not a valid device model name\n`);
  });

  it("a slot conflict with my_rng names my_rng and its id", async () => {
    const r = await infoPci("-device", "my_rng,addr=04.0,id=rng0", "-device", "e1000,addr=4");
    expect(r).toEqual({
      code: 1,
      stdout: "",
      stderr: `${P}-device e1000,addr=4: PCI: slot 4 function 0 not available for e1000, in use by my_rng,id=rng0\n`,
    });
  });
});

describe("-help among the machine options", () => {
  it("prints the modeled options on stdout and exits 0, as QEMU's -help does", async () => {
    for (const opt of ["-help", "--help", "-h"]) {
      const r = await run(["info-pci", "--", opt]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^usage: qemu-system-x86_64/);
      expect(r.stderr).toBe("");
    }
  });
});
