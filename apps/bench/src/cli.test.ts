import { describe, expect, it } from "vitest";
import { MAIN_HELP } from "./cli.js";
import { runCli } from "./test-cli.js";

const run = async (argv: string[]) => {
  const { code, stdout, stderr } = await runCli(argv);
  return { code, stdout, stderr };
};

describe("rnglab help", () => {
  for (const argv of [["help"], ["--help"], ["-h"], ["--", "help"]]) {
    it(`${JSON.stringify(argv)} prints the usage on stdout and exits 0`, async () => {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(MAIN_HELP);
      expect(r.stderr).toBe("");
    });
  }

  it("the usage names every command", () => {
    expect(MAIN_HELP).toMatch(/^Usage: rnglab COMMAND/);
    for (const cmd of ["info-pci", "prng", "mmio-speed", "help"]) expect(MAIN_HELP).toContain(`\n  ${cmd} `);
  });

  it("no command at all is a usage error (non-zero) that still shows the usage", async () => {
    const r = await run([]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain("Usage: rnglab COMMAND");
  });
});

describe("unknown subcommand", () => {
  it("exits non-zero, names the command on stderr and prints nothing on stdout", async () => {
    const r = await run(["frobnicate", "--seed", "1"]);
    expect(r.code).not.toBe(0);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")[0]).toBe("rnglab: unknown command 'frobnicate'");
  });

  it("a subcommand name is matched exactly (no case folding, no prefixes)", async () => {
    for (const cmd of ["INFO-PCI", "info", "prngs", "mmio"]) {
      const r = await run([cmd]);
      expect(r.code, cmd).toBe(2);
      expect(r.stdout, cmd).toBe("");
      expect(r.stderr, cmd).toContain(`'${cmd}'`);
    }
  });
});

describe("a leading -- (pnpm -s rnglab -- CMD) is dropped", () => {
  it("[--, info-pci] is info-pci", async () => {
    const plain = await run(["info-pci"]);
    const dashed = await run(["--", "info-pci"]);
    expect(dashed.code).toBe(0);
    expect(dashed.stderr).toBe("");
    expect(dashed.stdout).toBe(plain.stdout);
    expect(dashed.stdout).toContain("PCI device 1234:cafe");
  });

  it("[--, prng, ...] is prng", async () => {
    const r = await run(["--", "prng", "glibc-rand", "--seed", "0", "--count", "2"]);
    expect(r).toEqual({ code: 0, stdout: "1804289383\n846930886\n", stderr: "" });
  });

  it("only one -- is dropped: [--, --, info-pci] is an unknown command '--'", async () => {
    const r = await run(["--", "--", "info-pci"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("unknown command '--'");
  });

  it("a -- that is not first is not dropped by main (info-pci -- ... still takes machine options)", async () => {
    const r = await run(["--", "info-pci", "--", "-nodefaults", "-device", "my_rng"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  Bus  0, device   2, function 0:\n    Class 0255: PCI device 1234:cafe\n");
  });
});
