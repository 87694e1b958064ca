import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ShellSyntaxError } from "./ast.js";
import { parseScript } from "./parser.js";
import { runSh } from "./test-fake-os.js";

const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const text = fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => !s.includes("\0"));

describe("properties", () => {
  it("printf '%s' 'QUOTED' round-trips any printable string", () => {
    fc.assert(fc.property(text, (s) => {
      const r = runSh(`printf '%s' ${sq(s)}`);
      expect(r.err).toBe("");
      expect(r.out).toBe(s);
    }), { numRuns: 300 });
  });

  it("quoted strings survive variables, $( ) and files", () => {
    fc.assert(fc.property(text, (s) => {
      const r = runSh(`v=${sq(s)}; w="$(printf '%s' "$v")"; printf '%s' "$w" > /tmp/f; cat /tmp/f`);
      expect(r.out).toBe(s.replace(/\n+$/, ""));
    }), { numRuns: 200 });
  });

  const tokens = [
    "if", "then", "elif", "else", "fi", "for", "in", "do", "done", "case", "esac", ";;", "{", "}", "(", ")", ";", "&", "&&",
    "||", "|", "!", "\n", " ", "echo", "x", "a=b", "$x", "${x", "${x:-y}", "${#x}", "}", "$(", "`", "'", '"', "\\", "*", "?",
    "[", "<", ">", ">>", "2>&1", "<&-", "3<", "exit", "false", "true", "cat", "$?", "$((", "))", "#", "=", "-", "exec",
  ];
  const script = fc.array(fc.constantFrom(...tokens), { maxLength: 25 }).map((t) => t.join(""));

  it("the parser only ever throws ShellSyntaxError", () => {
    fc.assert(fc.property(fc.oneof(script, fc.string({ maxLength: 60 })), (src) => {
      try {
        parseScript(src);
      } catch (e) {
        expect(e).toBeInstanceOf(ShellSyntaxError);
      }
    }), { numRuns: 2000 });
  });

  it("running random input never throws; syntax errors give status 2 and ash's message", () => {
    fc.assert(fc.property(fc.oneof(script, fc.string({ maxLength: 60 })), (src) => {
      let bad = false;
      try { parseScript(src); } catch { bad = true; }
      const r = runSh(src, (os) => os.writeFile("/dev/null", ""));
      expect(Number.isInteger(r.status) && r.status >= 0 && r.status <= 255).toBe(true);
      if (bad) {
        expect(r.status).toBe(2);
        expect(r.err).toMatch(/^sh: syntax error: /);
        expect(r.out).toBe("");
      }
    }), { numRuns: 1000 });
  });
});
