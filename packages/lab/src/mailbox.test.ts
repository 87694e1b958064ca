import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Mailbox, REQUEST_LINE, REQUEST_MONITOR } from "./mailbox.js";

describe("the shell's shared mailbox", () => {
  it("any text comes out as it went in, once; a second request waits for the first to be taken", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), fc.constantFrom(REQUEST_LINE, REQUEST_MONITOR), (text, kind) => {
        const m = new Mailbox();
        expect(m.put(kind, text)).toBe(true);
        expect(m.put(kind, "other")).toBe(false);
        // The other side of the buffer (the guest thread) sees the same request.
        expect(new Mailbox(m.buffer).take()).toEqual({ kind, text });
        expect(m.take()).toBeUndefined();
        expect(m.put(kind, "next")).toBe(true);
      }),
    );
  });
  it("a text larger than the mailbox is refused, not cut", () => {
    const m = new Mailbox();
    expect(m.put(REQUEST_LINE, "x".repeat(64 * 1024 + 1))).toBe(false);
    expect(m.take()).toBeUndefined();
  });
});
