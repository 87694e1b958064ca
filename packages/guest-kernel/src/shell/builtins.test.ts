import { describe, expect, it } from "vitest";
import { runSh, type FakeOS } from "./test-fake-os.js";

const out = (script: string, setup?: (os: FakeOS) => void, stdin?: string): string => runSh(script, setup, { stdin }).out;

describe("echo (busybox)", () => {
  it("-n, -e and plain", () => {
    expect(out("echo a b; echo -n x; echo y")).toBe("a b\nxy\n");
    expect(out("echo 'a\\tb\\n'")).toBe("a\\tb\\n\n");
    expect(out("echo -e 'a\\tb\\x41\\0101\\101\\\\'")).toBe("a\tbAAA\\\n");
    expect(out("echo -e 'stop\\chere'; echo -ne 'x\\n'")).toBe("stopx\n");
    expect(out("echo -x -n; echo -- a")).toBe("-x -n\n-- a\n");
  });
});

describe("printf", () => {
  it("%s %d %x %u %c %% and escapes", () => {
    expect(out("printf '%s|%d|%x|%X|%u|%c|%%|%o\\n' str -12 255 255 7 xyz 8")).toBe("str|-12|ff|FF|7|x|%|10\n");
    expect(out("printf '%5s|%-5s|%05d|%.2s|%#x\\n' ab ab 42 abcdef 255")).toBe("   ab|ab   |00042|ab|0xff\n");
    expect(out("printf '%s\\n' a b c")).toBe("a\nb\nc\n");
    expect(out("printf '%d %d\\n' 1 2 3")).toBe("1 2\n3 0\n");
    expect(out("printf 'no newline'")).toBe("no newline");
    expect(out("printf '%d %d %d\\n' 0x10 010 \"'A\"")).toBe("16 8 65\n");
    expect(out("printf '%u\\n' -1")).toBe("18446744073709551615\n");
    expect(out("printf '%b|\\101\\n' 'x\\ty'")).toBe("x\ty|A\n");
  });
  it("invalid numbers report and return 1", () => {
    const r = runSh("printf '%d\\n' abc; echo $?");
    expect(r.out).toBe("0\n1\n");
    expect(r.err).toBe("sh: invalid number 'abc'\n");
  });
});

describe("test and [", () => {
  const fs = (os: FakeOS): void => { os.writeFile("/etc/f", "x"); os.writeFile("/etc/empty", ""); };
  const t = (expr: string): number => runSh(`[ ${expr} ]`, fs).status;
  it("strings", () => {
    expect([t("a = a"), t("a = b"), t("a != b"), t("-z ''"), t("-n ''"), t("x"), t("''"), t("! x")]).toEqual([0, 1, 0, 0, 1, 0, 1, 1]);
  });
  it("integers", () => {
    expect([t("1 -eq 1"), t("2 -lt 10"), t("10 -le 9"), t("-3 -gt -4"), t("5 -ge 5"), t("1 -ne 1")]).toEqual([0, 0, 1, 0, 0, 1]);
    const r = runSh("[ x -eq 1 ]; echo $?");
    expect(r.out).toBe("2\n");
    expect(r.err).toBe("sh: x: bad number\n");
  });
  it("files via open/readdir", () => {
    expect([t("-e /etc/f"), t("-f /etc/f"), t("-d /etc/f"), t("-d /etc"), t("-e /nope"), t("-s /etc/f"), t("-s /etc/empty")]).toEqual([0, 0, 1, 0, 1, 0, 1]);
  });
  it("-a -o ! ( )", () => {
    expect([t("a = a -a b = b"), t("a = b -o b = b"), t("! a = b"), t("\\( a = b -o x \\) -a y")]).toEqual([0, 0, 0, 0]);
  });
  it("test without brackets, missing ]", () => {
    expect(runSh("test 3 -gt 2").status).toBe(0);
    const r = runSh("[ a = a");
    expect(r.status).toBe(2);
    expect(r.err).toBe("sh: missing ]\n");
  });
});

describe("other builtins", () => {
  it("true false :", () => {
    expect(out("true; echo $?; false; echo $?; :; echo $?")).toBe("0\n1\n0\n");
  });
  it("read splits a line into variables", () => {
    expect(out('read a b; echo "[$a][$b]"; read c; echo "[$c]"; read d; echo $?', undefined, "one two three\n  x y  \n")).toBe(
      "[one][two three]\n[x y]\n1\n",
    );
    expect(out("while read l; do echo got $l; done", undefined, "a\nb\n")).toBe("got a\ngot b\n");
    expect(out("seq 3 | while read n; do echo n$n; done")).toBe("n1\nn2\nn3\n");
  });
  it("eval and .", () => {
    expect(out("C='echo evaluated; X=5'; eval $C; echo $X")).toBe("evaluated\n5\n");
    expect(out(". /tmp/lib; echo $LIBVAR", (os) => os.writeFile("/tmp/lib", "LIBVAR=loaded\n"))).toBe("loaded\n");
  });
  it("set, export -p, unset -f", () => {
    expect(out("A=1 B='x y'; set")).toContain("A='1'\nB='x y'\n");
    const r = runSh("export Z='a b'; export -p");
    expect(r.out).toContain("export Z='a b'\n");
    expect(out("f() { echo f; }; unset -f f; f 2>/dev/null; echo $?", (os) => os.writeFile("/dev/null", ""))).toBe("127\n");
  });
  it("set -x traces commands", () => {
    expect(runSh("set -x; echo a $((1+1))").err).toBe("+ echo a 2\n");
  });
  it("builtin errors carry the command name and line", () => {
    const r = runSh("\n\ncd /missing");
    expect(r.err).toBe("sh: cd: line 3: can't cd to /missing: No such file or directory\n");
    expect(r.status).toBe(2);
  });
  it("kill is a program, not a builtin", () => {
    const r = runSh("kill 1");
    expect(r.err).toBe("sh: kill: not found\n");
    expect(r.os.spawned).toEqual([["kill", "1"]]);
  });
});

describe("syntax errors (ash's wording, status 2)", () => {
  const err = (s: string): string => {
    const r = runSh(s);
    expect(r.status).toBe(2);
    return r.err;
  };
  it("unexpected tokens", () => {
    expect(err("fi")).toBe('sh: syntax error: unexpected "fi"\n');
    expect(err("echo a; then")).toBe('sh: syntax error: unexpected "then"\n');
    expect(err("if true; then echo; done")).toBe('sh: syntax error: unexpected "done" (expecting "fi")\n');
    expect(err("if true; echo x; fi")).toBe('sh: syntax error: unexpected "fi" (expecting "then")\n');
    expect(err("while true; done")).toBe('sh: syntax error: unexpected "done" (expecting "do")\n');
    expect(err("if true")).toBe('sh: syntax error: unexpected end of file (expecting "then")\n');
    expect(err("{ echo")).toBe('sh: syntax error: unexpected end of file (expecting "}")\n');
    expect(err("( echo")).toBe('sh: syntax error: unexpected end of file (expecting ")")\n');
    expect(err("echo a |")).toBe("sh: syntax error: unexpected end of file\n");
    expect(err(";")).toBe('sh: syntax error: unexpected ";"\n');
    expect(err("echo ;;")).toBe('sh: syntax error: unexpected ";;"\n');
    expect(err("echo )")).toBe('sh: syntax error: unexpected ")"\n');
    expect(err("&& echo")).toBe('sh: syntax error: unexpected "&&"\n');
    expect(err("echo >")).toBe("sh: syntax error: unexpected end of file\n");
    expect(err("echo > ;")).toBe('sh: syntax error: unexpected ";"\n');
    expect(err("case x in a) echo; b")).toBe('sh: syntax error: unexpected end of file (expecting ";;")\n');
    expect(err("case x foo")).toBe('sh: syntax error: unexpected word (expecting "in")\n');
    expect(err("for 1 in a; do :; done")).toBe("sh: syntax error: bad for loop variable\n");
  });
  it("nothing runs when the script does not parse", () => {
    const r = runSh("echo first; if");
    expect(r.out).toBe("");
  });
  it("errors inside $( ) are reported too", () => {
    expect(err("echo $(if)")).toBe('sh: syntax error: unexpected ")"\n');
    expect(err("echo $(echo a")).toBe('sh: syntax error: unexpected end of file (expecting ")")\n');
  });
});
