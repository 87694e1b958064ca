import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { argsFromForm, formFromArgs, textFromArgs } from "./machine-form.js";
import { DEFAULT_STATE, decodeState, encodeState, splitOptions, type PlaygroundState } from "./url-state.js";

const event = fc.record({
  kind: fc.constantFrom("line", "monitor", "complete", "register", "interrupt", "job", "mode", "cancel" as const),
  text: fc.string({ unit: "grapheme" }),
  t: fc.nat(),
  hook: fc.integer({ min: -1, max: 1e9 }),
});
const state: fc.Arbitrary<PlaygroundState> = fc.record({
  page: fc.constantFrom("lab", "ladder", "prng" as const),
  machine: fc.string({ unit: "grapheme" }),
  driver: fc.constantFrom("builtin", "module", "pci" as const),
  profile: fc.constantFrom("tcg", "kvm" as const),
  log: fc.array(event, { maxLength: 20 }),
  bench: fc.record({ designs: fc.array(fc.string()), sizes: fc.array(fc.integer({ min: 4, max: 1 << 20 })), profile: fc.constantFrom("tcg", "kvm" as const), machine: fc.string() }),
  prng: fc.record({ gen: fc.string(), seed: fc.string(), bytes: fc.integer({ min: 1, max: 1 << 26 }), register: fc.boolean() }),
});

describe("the session in the URL", () => {
  it("round-trips every state (a link reproduces the session)", () => {
    fc.assert(
      fc.property(state, (s) => {
        expect(decodeState(encodeState(s))).toEqual({ state: s });
      }),
    );
  });

  it("never throws on a damaged or foreign fragment: defaults and a reason", () => {
    fc.assert(
      fc.property(fc.string(), (junk) => {
        const d = decodeState(`#s=${junk}`);
        expect(d.state.page).toMatch(/^(lab|ladder|prng)$/);
        if (d.error) expect(d.state).toEqual(DEFAULT_STATE);
      }),
    );
    expect(decodeState("#other").error).toMatch(/not in rnglab's format/);
    expect(decodeState("#s=!!!").error).toMatch(/format/);
    expect(decodeState(`#s=${btoa('{"v":1,"l":[[99,"x",0,0]]}').replace(/=+$/, "")}`).error).toMatch(/log is damaged/);
    expect(decodeState("").state).toEqual(DEFAULT_STATE);
  });
});

describe("QEMU options as text and as a form", () => {
  it("splits like a shell: quotes group, backslash escapes, unbalanced quotes are an error", () => {
    expect(splitOptions(" -M pc  -device 'my_rng,prng=x' -name \"a b\" c\\ d")).toEqual(["-M", "pc", "-device", "my_rng,prng=x", "-name", "a b", "c d"]);
    expect(splitOptions("-device 'x")).toEqual({ error: "unbalanced ' in the machine options" });
    expect(splitOptions("''")).toEqual([""]);
  });

  it("text and argv round-trip for any words", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme" })), (words) => {
        expect(splitOptions(textFromArgs(words))).toEqual(words);
      }),
    );
  });

  it("the form keeps the -device order and everything it has no field for", () => {
    const args = ["-M", "pc", "-m", "512", "-device", "e1000", "-nodefaults", "-device", "my_rng,version=2", "-name", "lab", "-accel", "kvm"];
    const f = formFromArgs(args);
    expect(f).toEqual({ memory: "512", nodefaults: true, kvm: true, devices: ["e1000", "my_rng,version=2"], other: ["-name", "lab"] });
    expect(argsFromForm(f)).toEqual(["-M", "pc", "-m", "512", "-accel", "kvm", "-nodefaults", "-device", "e1000", "-device", "my_rng,version=2", "-name", "lab"]);
    expect(formFromArgs(argsFromForm(f))).toEqual(f);
  });
});
