import { describe, expect, it } from "vitest";
import { HELP_MSG, lspci, type SysfsPciFunction } from "./index.js";

const empty = (): { start: bigint; end: bigint; flags: bigint }[] => Array.from({ length: 13 }, () => ({ start: 0n, end: 0n, flags: 0n }));

interface DevSpec {
  name: string;
  ids: [number, number];
  cls: number;
  rev?: number;
  progIf?: number;
  subsys?: [number, number];
  command?: number;
  status?: number;
  pin?: number;
  line?: number;
  bars?: Record<number, number>;
  romBar?: number;
  caps?: { at: number; bytes: number[] }[];
}

function device(s: DevSpec, extra: Partial<SysfsPciFunction> = {}): SysfsPciFunction {
  const c = new Uint8Array(256);
  const w16 = (at: number, v: number): void => c.set([v & 0xff, (v >> 8) & 0xff], at);
  const w32 = (at: number, v: number): void => c.set([v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff], at);
  w16(0, s.ids[0]);
  w16(2, s.ids[1]);
  w16(4, s.command ?? 0x0103);
  w16(6, (s.status ?? 0) | ((s.caps?.length ?? 0) > 0 ? 0x10 : 0));
  c[8] = s.rev ?? 0;
  c[9] = s.progIf ?? 0;
  w16(0x0a, s.cls);
  for (const [i, v] of Object.entries(s.bars ?? {})) w32(0x10 + 4 * Number(i), v);
  w16(0x2c, s.subsys?.[0] ?? 0);
  w16(0x2e, s.subsys?.[1] ?? 0);
  w32(0x30, s.romBar ?? 0);
  c[0x3c] = s.line ?? 0;
  c[0x3d] = s.pin ?? 0;
  if (s.caps) {
    c[0x34] = s.caps[0]!.at;
    s.caps.forEach((cap, i) => {
      c.set(cap.bytes, cap.at);
      c[cap.at + 1] = s.caps![i + 1]?.at ?? 0;
    });
  }
  return { name: s.name, config: c, resource: empty(), irq: 0, ...extra };
}

/** The lab's my_rng: 1234:cafe rev 0x10, class 00ff, subsystem 1af4:1100, one 4K BAR, slot 4, no pin. */
function myRng(): SysfsPciFunction {
  const f = device({ name: "0000:00:04.0", ids: [0x1234, 0xcafe], cls: 0x00ff, rev: 0x10, subsys: [0x1af4, 0x1100], bars: { 0: 0xfebf1000 } });
  f.resource[0] = { start: 0xfebf1000n, end: 0xfebf1fffn, flags: 0x40200n };
  return { ...f, physicalSlot: "4" };
}

describe("my_rng", () => {
  it("lspci -v -s 00:04.0", () => {
    expect(lspci(["-v", "-s", "00:04.0"], [myRng()])).toEqual({
      stdout:
        "00:04.0 Unclassified device [00ff]: Device 1234:cafe (rev 10)\n" +
        "\tSubsystem: Red Hat, Inc. Device 1100\n" +
        "\tPhysical Slot: 4\n" +
        "\tFlags: fast devsel\n" +
        "\tMemory at febf1000 (32-bit, non-prefetchable) [size=4K]\n" +
        "\n",
      stderr: "",
      status: 0,
    });
  });

  it("lspci, -nn, -k, -mm and -vmm", () => {
    const d = [myRng()];
    expect(lspci([], d).stdout).toBe("00:04.0 Unclassified device [00ff]: Device 1234:cafe (rev 10)\n");
    expect(lspci(["-nn"], d).stdout).toBe("00:04.0 Unclassified device [00ff]: Device [1234:cafe] (rev 10)\n");
    expect(lspci(["-nnv"], d).stdout.split("\n")[1]).toBe("\tSubsystem: Red Hat, Inc. Device [1af4:1100]");
    expect(lspci(["-n", "-v"], d).stdout.split("\n").slice(0, 2)).toEqual(["00:04.0 00ff: 1234:cafe (rev 10)", "\tSubsystem: 1af4:1100"]);
    expect(lspci(["-k"], [{ ...myRng(), driver: "my_rng", modules: ["my_rng"] }]).stdout).toBe(
      "00:04.0 Unclassified device [00ff]: Device 1234:cafe (rev 10)\n" +
        "\tSubsystem: Red Hat, Inc. Device 1100\n" +
        "\tKernel driver in use: my_rng\n" +
        "\tKernel modules: my_rng\n",
    );
    expect(lspci(["-mm"], d).stdout).toBe('00:04.0 "Unclassified device [00ff]" "Vendor 1234" "Device cafe" -r10 -p00 "Red Hat, Inc." "Device 1100"\n');
    expect(lspci(["-vmm"], d).stdout).toBe(
      "Slot:\t00:04.0\nClass:\tUnclassified device [00ff]\nVendor:\tVendor 1234\nDevice:\tDevice cafe\n" +
        "SVendor:\tRed Hat, Inc.\nSDevice:\tDevice 1100\nPhySlot:\t4\nRev:\t10\nProgIf:\t00\n\n",
    );
  });

  it("-vv, -xxx, -D and -t -v", () => {
    const d = [myRng()];
    expect(lspci(["-vv"], d).stdout).toBe(
      "00:04.0 Unclassified device [00ff]: Device 1234:cafe (rev 10)\n" +
        "\tSubsystem: Red Hat, Inc. Device 1100\n" +
        "\tPhysical Slot: 4\n" +
        "\tControl: I/O+ Mem+ BusMaster- SpecCycle- MemWINV- VGASnoop- ParErr- Stepping- SERR+ FastB2B- DisINTx-\n" +
        "\tStatus: Cap- 66MHz- UDF- FastB2B- ParErr- DEVSEL=fast >TAbort- <TAbort- <MAbort- >SERR- <PERR- INTx-\n" +
        "\tRegion 0: Memory at febf1000 (32-bit, non-prefetchable) [size=4K]\n\n",
    );
    const x3 = lspci(["-xxx"], d).stdout.split("\n");
    expect(x3).toHaveLength(1 + 16 + 2);
    expect(x3[1]).toBe("00: 34 12 fe ca 03 01 00 00 10 00 ff 00 00 00 00 00");
    expect(x3[16]).toBe("f0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
    expect(lspci(["-D"], d).stdout.startsWith("0000:00:04.0 ")).toBe(true);
    expect(lspci(["-tv"], d).stdout).toBe("-[0000:00]---04.0  Device 1234:cafe\n");
  });
});

describe("regions, ROM and capabilities", () => {
  it("prints [disabled], [virtual], 64-bit sizes and the ROM states", () => {
    const f = device({ name: "0000:00:05.0", ids: [0x1af4, 0x1041], cls: 0x0200, rev: 1, subsys: [0x1af4, 0x1100], command: 0x0001, bars: { 0: 0xc001, 4: 0xfe00000c }, romBar: 0xfeb40000, pin: 1, line: 11 });
    f.resource[0] = { start: 0xc000n, end: 0xc01fn, flags: 0x40101n };
    f.resource[1] = { start: 0xfebd2000n, end: 0xfebd2fffn, flags: 0x40200n };
    f.resource[4] = { start: 0xfe000000n, end: 0xfe003fffn, flags: 0x14220cn };
    f.resource[6] = { start: 0xfeb40000n, end: 0xfeb7ffffn, flags: 0x46200n };
    const out = lspci(["-v"], [{ ...f, irq: 11 }]).stdout.split("\n");
    expect(out.slice(1)).toEqual([
      "\tSubsystem: Red Hat, Inc. QEMU",
      "\tFlags: fast devsel, IRQ 11",
      "\tI/O ports at c000 [size=32]",
      // The kernel has an address the BAR lacks: only a memory BAR can look like that.
      "\tMemory at febd2000 (32-bit, non-prefetchable) [virtual] [size=4K]",
      "\tMemory at fe000000 (64-bit, prefetchable) [disabled] [size=16K]",
      "\tExpansion ROM at feb40000 [disabled] [size=256K]",
      "",
      "",
    ]);
  });

  it("decodes MSI-X, MSI, PM and virtio vendor capabilities", () => {
    const f = device({
      name: "0000:00:06.0",
      ids: [0x1af4, 0x1000],
      cls: 0x0200,
      subsys: [0x1af4, 0x0001],
      caps: [
        { at: 0x98, bytes: [0x11, 0, 0x02, 0x80, 0x01, 0, 0, 0, 0x01, 0x08, 0, 0] },
        { at: 0x84, bytes: [0x09, 0, 0x14, 0x02, 0x04, 0, 0, 0, 0, 0x30, 0, 0, 0, 0x10, 0, 0, 0x04, 0, 0, 0] },
        { at: 0x70, bytes: [0x05, 0, 0x80, 0x00, 0, 0, 0xe0, 0xfe, 0, 0, 0, 0, 0x21, 0x40] },
        { at: 0x60, bytes: [0x01, 0, 0x03, 0x00, 0x08, 0x00, 0, 0] },
        { at: 0x50, bytes: [0x09, 0, 0x08, 0x00] },
      ],
    });
    const v = lspci(["-v"], [f]).stdout.split("\n").filter((l) => l.includes("Capabilities"));
    expect(v).toEqual([
      "\tCapabilities: [98] MSI-X: Enable+ Count=3 Masked-",
      "\tCapabilities: [84] Vendor Specific Information: VirtIO: Notify",
      "\tCapabilities: [70] MSI: Enable- Count=1/1 Maskable- 64bit+",
      "\tCapabilities: [60] Power Management version 3",
      "\tCapabilities: [50] Vendor Specific Information: Len=08 <?>",
    ]);
    const vv = lspci(["-vv"], [f]).stdout;
    expect(vv).toContain("\t\tVector table: BAR=1 offset=00000000\n\t\tPBA: BAR=1 offset=00000800\n");
    expect(vv).toContain("\t\tBAR=4 offset=00003000 size=00001000 multiplier=00000004\n");
    expect(vv).toContain("\t\tAddress: 00000000fee00000  Data: 4021\n");
    expect(vv).toContain(
      "\t\tFlags: PMEClk- DSI- D1- D2- AuxCurrent=0mA PME(D0-,D1-,D2-,D3hot-,D3cold-)\n\t\tStatus: D0 NoSoftRst+ PME-Enable- DSel=0 DScale=0 PME-\n",
    );
  });
});

describe("command line", () => {
  const d = [myRng()];
  it("reports a bad option as getopt and lspci do", () => {
    expect(lspci(["-z"], d)).toEqual({ stdout: "", stderr: `lspci: invalid option -- 'z'\n${HELP_MSG}`, status: 1 });
    expect(lspci(["--help"], d)).toEqual({ stdout: "", stderr: `lspci: invalid option -- '-'\n${HELP_MSG}`, status: 1 });
    expect(lspci(["-s"], d)).toEqual({ stdout: "", stderr: `lspci: option requires an argument -- 's'\n${HELP_MSG}`, status: 1 });
    expect(lspci(["00:04.0"], d)).toEqual({ stdout: "", stderr: HELP_MSG, status: 1 });
    expect(lspci(["-g"], d)).toEqual({ stdout: "", stderr: HELP_MSG, status: 1 });
    expect(lspci(["--version"], d)).toEqual({ stdout: "lspci version 3.9.0\n", stderr: "", status: 0 });
  });

  it("takes grouped flags, attached arguments and -- like getopt", () => {
    const v = lspci(["-v", "-s", "00:04.0"], d).stdout;
    expect(lspci(["-vs00:04.0"], d).stdout).toBe(v);
    expect(lspci(["-s", "00:04.0", "--", "-v"], d)).toEqual({ stdout: "", stderr: HELP_MSG, status: 1 });
    expect(lspci(["-vvv", "-s", "4"], d).stdout).toBe(lspci(["-vv"], d).stdout);
    expect(lspci(["-s", "5"], d).stdout).toBe("");
  });

  it("dies like sysfs_scan on an entry name it cannot parse", () => {
    expect(lspci([], [{ ...myRng(), name: "bogus" }])).toEqual({ stdout: "", stderr: "lspci: sysfs_scan: Couldn't parse entry name bogus\n", status: 1 });
  });
});
