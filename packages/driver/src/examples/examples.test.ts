import { describe, expect, it } from "vitest";
import { lab, SRAND0 } from "../test-lab.js";

describe("the example out-of-tree driver and user program", () => {
  it("insmod example_rng_read.ko; read-numbers /dev/example_rng 5 prints the stream", () => {
    const g = lab("module");
    const r = g.run("insmod example_rng_read.ko && read-numbers /dev/example_rng 5");
    expect(r.stdout).toBe(SRAND0.map((v) => `${v}\n`).join(""));
    expect(r.dmesg).toContain("example_rng_read 0000:00:04.0: /dev/example_rng ready");
    expect(g.run("rmmod example_rng_read && ls /dev").stdout).toBe("hwrng\nmem\nnull\nzero\n");
  });
  it("modinfo describes it as kmod does", () => {
    expect(lab("module").run("modinfo example_rng_read").stdout).toBe(
      [
        "filename:       /lib/modules/6.1.0-rnglab/extra/example_rng_read.ko",
        "description:    example: my_rng numbers through read(2)",
        "author:         a virt-101 student",
        "license:        GPL",
        "depends:        ",
        "retpoline:      Y",
        "name:           example_rng_read",
        "vermagic:       6.1.0-rnglab SMP preempt mod_unload modversions ",
        "",
      ].join("\n"),
    );
  });
});
