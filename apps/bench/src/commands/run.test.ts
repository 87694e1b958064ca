import { describe, expect, it } from "vitest";
import { runCli } from "../test-cli.js";

const run = async (argv: string[]) => {
  const { code, stdout, stderr } = await runCli(argv);
  return { code, stdout, stderr };
};

const LAB = [1804289383, 846930886, 1681692777, 1714636915, 1957747793];

describe("rnglab run: the lab's first part", () => {
  it('"mknod /dev/my_rng_driver c 250 0; rng-lab" prints both rounds', async () => {
    const r = await run(["run", "-c", "mknod /dev/my_rng_driver c 250 0; rng-lab"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([0, 1].flatMap((i) => LAB.map((v, j) => `Round ${i} number ${j}: ${v}\n`)).join(""));
    expect(r.stderr).toBe("");
  });

  it("dmesg shows the boot self-test and the driver's init line", async () => {
    const r = await run(["run", "-c", "dmesg"]);
    expect(r.stdout).toContain("my_rng_driver loaded, registered ioctls 0x80047101 (get a random number) and 0x40047101 (seed the generator)\n");
    expect(r.stdout).toMatch(/BEGIN MY-RNG TEST\n(.*\n){1}.*Round 0 number 0: 286129175\n/);
    expect((r.stdout.match(/Round 1 number 4: 1335014133/g) ?? []).length).toBe(1);
  });

  it("lspci -v shows the lab's device as lab.md does", async () => {
    const r = await run(["run", "-c", "lspci -v"]);
    expect(r.stdout).toContain(
      "00:04.0 Unclassified device [00ff]: Device 1234:cafe (rev 10)\n\tSubsystem: Red Hat, Inc. Device 1100\n\tPhysical Slot: 4\n\tFlags: fast devsel\n\tMemory at febf1000 (32-bit, non-prefetchable) [size=4K]\n",
    );
  });

  it("the exit status is the script's, and the guest's stderr is stderr", async () => {
    const r = await run(["run", "-c", "cat /nope; exit 7"]);
    expect(r.code).toBe(7);
    expect(r.stderr).toBe("cat: can't open '/nope': No such file or directory\n");
    expect((await run(["run", "-c", "nosuchprog"])).code).toBe(127);
  });

  it("bad input reaches the user as Linux reports it: ENOENT, ENXIO", async () => {
    const a = await run(["run", "-c", "rng-lab"]);
    expect([a.code, a.stderr]).toEqual([255, "Failed to open the device file: No such file or directory\n"]);
    const b = await run(["run", "-c", "mknod /dev/x c 251 0; rng-lab /dev/x"]);
    expect([b.code, b.stderr]).toEqual([255, "Failed to open the device file: No such device or address\n"]);
  });

  it("with a NIC added first the device moves; the built-in driver still maps 0xfebf1000 and reads zeros", async () => {
    const r = await run(["run", "-c", "mknod /dev/my_rng_driver c 250 0; rng-lab; lspci -n -s 05.0", "--", "-device", "e1000", "-device", "my_rng"]);
    expect(r.stdout).toContain("Round 0 number 0: 0\n");
    expect(r.stdout).toContain("00:05.0 00ff: 1234:cafe (rev 10)\n");
  });

  it("--trace prints each syscall and MMIO access with virtual time stamps and costs, on stderr", async () => {
    const r = await run(["run", "--trace", "-c", "mknod /dev/my_rng_driver c 250 0; rng-lab > /dev/null"]);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/\] rng-lab\[\d+\] ioctl\(\d+, 0x80047101, 0x[0-9a-f]+\) = 0 <886\.3 ns>\n\[ +\d+\.\d{6}\]   mmio read32 0xfebf1000 = 0x6b8b4567 <130\.0 ns>\n/);
    expect(r.stderr).toMatch(/mknod\("\/dev\/my_rng_driver", S_IFCHR\|0644, makedev\(250, 0\)\) = 0/);
  });

  it("usage errors: no -c, an unknown driver", async () => {
    for (const args of [["run"], ["run", "--driver", "x", "-c", "true"]]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
    }
  });

  it("machine errors are QEMU's", async () => {
    const r = await run(["run", "-c", "true", "--", "-device", "nosuch"]);
    expect([r.code, r.stderr]).toEqual([1, "qemu-system-x86_64: -device nosuch: 'nosuch' is not a valid device model name\n"]);
  });
});

describe("rnglab run --cost / --profile", () => {
  it("--cost changes what a crossing costs in the trace", async () => {
    const r = await run(["run", "--trace", "--cost", "syscallNs=100", "-c", "mknod /dev/my_rng_driver c 250 0; rng-lab > /dev/null"]);
    expect(r.stderr).toMatch(/ioctl\(\d+, 0x80047101, 0x[0-9a-f]+\) = 0 <565\.3 ns>/);
    const bad = await run(["run", "--cost", "bogus=1", "-c", "true"]);
    expect(bad.code).toBe(2);
  });
  it("--profile kvm makes every register read a VM exit", async () => {
    const r = await run(["run", "--trace", "--profile", "kvm", "-c", "mknod /dev/my_rng_driver c 250 0; rng-lab > /dev/null"]);
    expect(r.stderr).toMatch(/mmio read32 0xfebf1000 = 0x6b8b4567 <5013\.0 ns>/);
  });
});

describe("rnglab run --driver module|pci", () => {
  it("--driver pci: no RNG driver at boot; modprobe my_rng_pci finds the moved device", async () => {
    const r = await run(["run", "--driver", "pci", "-c", "grep -c my_rng /proc/devices; modprobe my_rng_pci && rng-lab /dev/my_rng0 | head -1", "--", "-device", "e1000", "-device", "my_rng"]);
    expect(r.stdout).toBe("0\nRound 0 number 0: 1804289383\n");
    expect(r.code).toBe(0);
  });
  it("--driver module: insmod my_rng.ko base=... from lspci -v", async () => {
    const script = 'insmod my_rng.ko base=0xfebf1000 && mknod /dev/my_rng_driver c 250 0 && rng-lab | tail -1';
    const r = await run(["run", "--driver", "module", "-c", script]);
    expect(r.stdout).toBe("Round 1 number 4: 1957747793\n");
  });
  it("the built-in driver's boot self-test runs only with --driver builtin", async () => {
    expect((await run(["run", "--driver", "module", "-c", "dmesg | grep -c MY-RNG"])).stdout).toBe("0\n");
    expect((await run(["run", "-c", "dmesg | grep -c MY-RNG"])).stdout).toBe("2\n");
  });
});
