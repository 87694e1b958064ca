import { COST_PROFILES, PcMachine } from "@rng/hw-qemu";
import { Kernel, O_RDWR, consoleFile, EFAULT, ENOENT, ENOTTY, ENXIO } from "@rng/guest-kernel";
import { describe, expect, it } from "vitest";
import { MY_RNG_IOCTL_RAND, MY_RNG_IOCTL_SEED, myRngBuiltinInit, myRngSelfTest, rngLab } from "./index.js";

/** The lab's first part composed: machine, kernel with the built-in driver and self-test, rng-lab in /bin. */
function boot(args = ["-M", "pc", "-m", "128", "-device", "my_rng"]) {
  const m = PcMachine.fromArgs(args);
  const k = new Kernel(m.cpuView(), COST_PROFILES.tcg, { lateInit: [myRngSelfTest] });
  k.registerInitcall("my_rng_init", myRngBuiltinInit);
  k.installExecutable(rngLab);
  k.boot();
  let out = "";
  let err = "";
  const dec = new TextDecoder();
  const stdin = consoleFile("console", undefined);
  const stdout = consoleFile("console", (b) => (out += dec.decode(b)));
  const stderr = consoleFile("console", (b) => (err += dec.decode(b)));
  const sh = k.createProcess(undefined, [stdin, stdout, stderr]);
  return { m, k, sh, out: () => out, err: () => err };
}

const LAB_OUTPUT = [1804289383, 846930886, 1681692777, 1714636915, 1957747793];

describe("the lab's built-in driver and rng-lab", () => {
  it("rng-lab prints both rounds of srand(0) numbers after mknod", () => {
    const { sh, out } = boot();
    expect(sh.mknod("/dev/my_rng_driver", "c", 250, 0)).toBe(0);
    expect(sh.spawnWait(["rng-lab"], new Map())).toBe(0);
    const want = [0, 1].flatMap((i) => LAB_OUTPUT.map((v, j) => `Round ${i} number ${j}: ${v}\n`)).join("");
    expect(out()).toBe(want);
  });

  it("dmesg has the boot self-test (srand(0x42) twice) and the driver's init line", () => {
    const { k } = boot();
    const text = k.log.text();
    expect(text).toContain("my_rng_driver loaded, registered ioctls 0x80047101 (get a random number) and 0x40047101 (seed the generator)");
    const selfTest = [...text.matchAll(/Round (\d) number (\d): (\d+)/g)].map((m) => Number(m[3]));
    expect(selfTest).toEqual([286129175, 1594929109, 971802288, 222134722, 1335014133, 286129175, 1594929109, 971802288, 222134722, 1335014133]);
    expect(text).toMatch(/\[\s+\d+\.\d{6}\] -{66}\n\[\s+\d+\.\d{6}\] BEGIN MY-RNG TEST\n/);
    expect(text).toContain("END MY-RNG TEST");
  });

  it("without the node, rng-lab fails as perror prints it", () => {
    const { sh, err } = boot();
    expect(sh.spawnWait(["rng-lab"], new Map())).toBe(255);
    expect(err()).toBe("Failed to open the device file: No such file or directory\n");
  });

  it("a node whose major has no driver gives ENXIO", () => {
    const { sh } = boot();
    sh.mknod("/dev/x", "c", 251, 0);
    expect(sh.open("/dev/x", O_RDWR)).toBe(-ENXIO);
    expect(sh.open("/dev/nothing", O_RDWR)).toBe(-ENOENT);
  });

  it("unknown ioctl: ENOTTY; a pointer outside the process: EFAULT and nothing written", () => {
    const { sh } = boot();
    sh.mknod("/dev/my_rng_driver", "c", 250, 0);
    const fd = sh.open("/dev/my_rng_driver", O_RDWR);
    expect(fd).toBeGreaterThanOrEqual(0);
    expect(sh.ioctl(fd, 0x1234, 0)).toBe(-ENOTTY);
    const seed = sh.mem.alloc(4);
    sh.mem.storeU32(seed, 0);
    expect(sh.ioctl(fd, MY_RNG_IOCTL_SEED, seed)).toBe(0);
    expect(sh.ioctl(fd, MY_RNG_IOCTL_RAND, 0x10)).toBe(-EFAULT);
    expect(sh.ioctl(fd, MY_RNG_IOCTL_SEED, 0xdead0000)).toBe(-EFAULT);
    // The failed RAND still consumed a number from the device (the read happens before the copy).
    const p = sh.mem.alloc(4);
    expect(sh.ioctl(fd, MY_RNG_IOCTL_RAND, p)).toBe(0);
    expect(sh.mem.loadU32(p)).toBe(846930886);
  });

  it("the built-in driver maps 0xfebf1000 whatever lives there: with a NIC added first, nothing does", () => {
    // -device e1000 -device my_rng: my_rng moves to 0xfebd1000; 0xfebf1000 is then unassigned (between
    // regions), so the hard-coded driver reads 0 and its writes go nowhere, and the self-test prints zeros.
    const { k, sh, out, m } = boot(["-device", "e1000", "-device", "my_rng"]);
    expect(m.memory.regionAt(0xfebf1000)).toBeUndefined();
    const text = k.log.text();
    expect([...text.matchAll(/Round \d number \d: (\d+)/g)].map((x) => Number(x[1]))).toEqual(new Array(10).fill(0));
    sh.mknod("/dev/my_rng_driver", "c", 250, 0);
    expect(sh.spawnWait(["rng-lab"], new Map())).toBe(0);
    expect(out()).toContain("Round 1 number 4: 0\n");
  });
});
