import fc from "fast-check";
import { GlibcRand } from "@rng/prngs";
import type { File } from "@rng/guest-kernel";
import { describe, expect, it } from "vitest";
import { lab } from "./test-lab.js";
import { MY_RNG_IOCTL_RAND, MY_RNG_IOCTL_SEED } from "./uapi.js";

type Op =
  | { kind: "insmod"; good: boolean }
  | { kind: "rmmod"; name: "my_rng" | "my_rng_pci" }
  | { kind: "modprobe" }
  | { kind: "open"; node: string }
  | { kind: "close"; pick: number }
  | { kind: "rand"; pick: number }
  | { kind: "seed"; pick: number; value: number }
  | { kind: "unbind" }
  | { kind: "bind" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("insmod" as const), good: fc.boolean() }),
  fc.record({ kind: fc.constant("rmmod" as const), name: fc.constantFrom("my_rng" as const, "my_rng_pci" as const) }),
  fc.record({ kind: fc.constant("modprobe" as const) }),
  fc.record({ kind: fc.constant("open" as const), node: fc.constantFrom("/dev/my_rng_driver", "/dev/my_rng0") }),
  fc.record({ kind: fc.constant("close" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("rand" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("seed" as const), pick: fc.nat(), value: fc.integer({ min: 0, max: 0xffffffff }) }),
  fc.record({ kind: fc.constant("unbind" as const) }),
  fc.record({ kind: fc.constant("bind" as const) }),
);

describe("module lifecycles under random sequences (insmod/rmmod/open/close/ioctl/bind)", () => {
  it("never leave a module half loaded, a region held by nobody, a refcount below zero, or a number lost", () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        const g = lab("module");
        const { k, sh } = g;
        g.run("mknod /dev/my_rng_driver c 250 0");
        const fds: number[] = [];
        const buf = sh.mem.alloc(4);
        const ref = new GlibcRand(1n); // the device's stream at reset: srand(1)
        for (const op of ops) {
          switch (op.kind) {
            case "insmod":
              g.run(`insmod my_rng.ko base=${op.good ? "0xfebf1000" : "0xfebf2000"}`);
              break;
            case "rmmod":
              g.run(`rmmod ${op.name}`);
              break;
            case "modprobe":
              g.run("modprobe my_rng_pci");
              break;
            case "open": {
              const fd = sh.open(op.node, 2);
              if (fd >= 0) fds.push(fd);
              break;
            }
            case "close":
              if (fds.length) sh.close(fds.splice(op.pick % fds.length, 1)[0]);
              break;
            case "rand":
              if (fds.length && sh.ioctl(fds[op.pick % fds.length], MY_RNG_IOCTL_RAND, buf) === 0) {
                // Every number any node returns is the next one of the one shared stream.
                expect(sh.mem.loadU32(buf)).toBe(ref.nextWord());
              }
              break;
            case "seed":
              sh.mem.storeU32(buf, op.value);
              if (fds.length && sh.ioctl(fds[op.pick % fds.length], MY_RNG_IOCTL_SEED, buf) === 0) ref.seed(BigInt(op.value));
              break;
            case "unbind":
              g.run("echo 0000:00:04.0 > /sys/bus/pci/drivers/my_rng_pci/unbind");
              break;
            case "bind":
              g.run("echo 0000:00:04.0 > /sys/bus/pci/drivers/my_rng_pci/bind");
              break;
          }
          // Invariants after every step.
          const loaded = new Map(k.modules.loaded.map((m) => [m.name, m]));
          for (const m of loaded.values()) expect(m.state).toBe("live");
          const sysModules = sh.readdir("/sys/module");
          expect(Array.isArray(sysModules) ? [...sysModules].sort() : sysModules).toEqual([...loaded.keys()].sort());
          // Each open file holds two references on its module (cdev + fops).
          const files = new Set(sh.fds.filter((f): f is File => f !== undefined));
          for (const m of loaded.values()) {
            const held = [...files].filter((f) => f.fops?.owner === m).length;
            expect(m.refcnt).toBe(2 * held);
            expect(m.refcnt).toBeGreaterThanOrEqual(0);
          }
          // Regions are held only by a loaded my_rng or a bound my_rng_pci.
          const claims = k.iomemTree();
          const names: string[] = [];
          const walk = (r: { name: string; children: { name: string; children: unknown[] }[] }) => {
            for (const c of r.children) {
              if (c.name === "my_rng") names.push(c.name);
              walk(c as never);
            }
          };
          walk(claims as never);
          const bound = k.pciDevs.some((d) => d.driver === "my_rng_pci");
          expect(names.length).toBe((loaded.has("my_rng") ? 1 : 0) + (bound ? 1 : 0));
          expect(names.length).toBeLessThanOrEqual(1); // the two exclude each other
          // Majors: 250 is my_rng's alone here (no built-in driver); the dynamic one is my_rng_pci's.
          expect(k.chrdevs.has(250)).toBe(loaded.has("my_rng"));
          expect([...k.chrdevs.values()].some((c) => c.name === "my_rng_pci")).toBe(loaded.has("my_rng_pci"));
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
