import { describe, expect, it } from "vitest";
import { runSh, type FakeOS } from "./test-fake-os.js";

const pci = (os: FakeOS): void => {
  os.writeFile("/sys/bus/pci/devices/0000:00:04.0/vendor", "0x1234\n");
  os.writeFile("/sys/bus/pci/devices/0000:00:04.0/device", "0xcafe\n");
  os.writeFile("/sys/bus/pci/devices/0000:00:00.0/vendor", "0x8086\n");
  os.writeFile("/sys/bus/pci/devices/0000:00:00.0/device", "0x1237\n");
};
const out = (script: string, setup?: (os: FakeOS) => void): string => runSh(script, setup).out;

describe("command lists", () => {
  it("runs ; and newline separated commands", () => {
    expect(out("echo a; echo b\necho c")).toBe("a\nb\nc\n");
  });
  it("returns the status of the last command, like sh -c", () => {
    expect(runSh("true; false").status).toBe(1);
    expect(runSh("false; true").status).toBe(0);
    expect(runSh("exitwith 7").status).toBe(7);
  });
  it("empty scripts and comments succeed", () => {
    expect(runSh("").status).toBe(0);
    expect(runSh("  # just a comment\n\n").status).toBe(0);
    expect(out("echo a # comment\necho b#notcomment")).toBe("a\nb#notcomment\n");
  });
  it("&& and || chain left to right", () => {
    expect(out("true && echo a || echo b")).toBe("a\n");
    expect(out("false && echo a || echo b")).toBe("b\n");
    expect(out("false || false || echo c")).toBe("c\n");
    expect(out("true &&\n echo nl")).toBe("nl\n");
  });
  it("$? reflects the last command", () => {
    expect(out("false; echo $?; echo $?")).toBe("1\n0\n");
    expect(out("exitwith 42; echo $?")).toBe("42\n");
    expect(out("nosuch 2>/dev/null; echo $?", (os) => os.writeFile("/dev/null", ""))).toBe("127\n");
  });
  it("! negates a pipeline", () => {
    expect(out("! false; echo $?; ! true; echo $?")).toBe("0\n1\n");
    expect(out("! echo x | exitwith 3; echo $?")).toBe("0\n");
  });
});

describe("pipelines", () => {
  it("connects stdout to stdin and returns the last status", () => {
    expect(out("seq 3 | wc -l")).toBe("3\n");
    expect(out("seq 5 | cat | cat | wc -l")).toBe("5\n");
    expect(runSh("true | false").status).toBe(1);
    expect(runSh("false | true").status).toBe(0);
  });
  it("2>&1 | cat sends stderr down the pipe", () => {
    const r = runSh("warn oops 2>&1 | cat");
    expect(r.out).toBe("oops\n");
    expect(r.err).toBe("");
  });
  it("builtins in a pipeline run as subshells", () => {
    expect(out('echo a | read x; echo "[$x]"')).toBe("[]\n");
    expect(out("echo hi | { read x; echo got $x; }")).toBe("got hi\n");
  });
  it("does not leak pipe fds into the shell", () => {
    const r = runSh("seq 3 | cat | wc -l; lsfd");
    expect(r.out).toBe("3\n0 1 2\n");
    expect(r.os.openFds()).toEqual([0, 1, 2]);
  });
});

describe("groups and subshells", () => {
  it("{ } runs in the current shell", () => {
    expect(out("{ X=1; echo in; }; echo X=$X")).toBe("in\nX=1\n");
  });
  it("( ) changes do not leak: variables, exit, cd, fds", () => {
    expect(out("X=0; (X=1; echo $X); echo $X")).toBe("1\n0\n");
    expect(out("(exit 3); echo $?; echo after")).toBe("3\nafter\n");
    expect(out("(cd /tmp; pwd); pwd")).toBe("/tmp\n/\n");
    const r = runSh("mknod /dev/hp c 250 0; (exec 3</dev/hp; lsfd); lsfd");
    expect(r.out).toBe("0 1 2 3\n0 1 2\n");
    expect(r.os.openFds()).toEqual([0, 1, 2]);
  });
  it("redirections apply to a whole group", () => {
    const r = runSh("{ echo a; echo b; } > /tmp/g; cat /tmp/g");
    expect(r.out).toBe("a\nb\n");
  });
  it("background jobs: $! and wait", () => {
    expect(out("exitwith 5 & p=$!; wait $p; echo st=$?")).toBe("st=5\n");
    expect(out("true & echo $?; wait; echo $?")).toBe("0\n0\n");
    expect(out("echo $!")).toBe("\n");
    expect(out("true & [ -n \"$!\" ] && echo has-pid")).toBe("has-pid\n");
    expect(out("wait 12345; echo $?")).toBe("127\n");
  });
});

describe("control flow", () => {
  it("if / elif / else", () => {
    const s = (v: string): string => out(`X=${v}; if [ $X = a ]; then echo A; elif [ $X = b ]; then echo B; else echo C; fi`);
    expect([s("a"), s("b"), s("z")]).toEqual(["A\n", "B\n", "C\n"]);
    expect(runSh("if false; then :; fi").status).toBe(0);
  });
  it("for over words, globs and $@", () => {
    expect(out("for i in 1 2 3; do echo $i; done")).toBe("1\n2\n3\n");
    expect(out("for i in\ndo echo never; done; echo ok")).toBe("ok\n");
    expect(runSh('for a; do echo "$a"; done', undefined, { args: ["x y", "z"] }).out).toBe("x y\nz\n");
  });
  it("the lab's sysfs loop", () => {
    const s = 'for d in /sys/bus/pci/devices/*; do echo "${d##*/} $(cat $d/vendor):$(cat $d/device)"; done';
    expect(out(s, pci)).toBe("0000:00:00.0 0x8086:0x1237\n0000:00:04.0 0x1234:0xcafe\n");
  });
  it("while / until with break and continue", () => {
    expect(out("i=0; while [ $i -lt 5 ]; do i=$((i+1)); [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done")).toBe("1\n3\n");
    expect(out("i=0; until [ $i -ge 2 ]; do echo $i; i=$((i+1)); done")).toBe("0\n1\n");
    expect(out("for a in 1 2; do for b in x y; do [ $b = y ] && continue 2; echo $a$b; done; done")).toBe("1x\n2x\n");
    expect(out("for a in 1 2; do for b in x y; do break 2; done; done; echo out")).toBe("out\n");
    expect(out("break; echo still")).toBe("still\n");
  });
  it("case with patterns, alternatives and defaults", () => {
    const c = (w: string): string => out(`case ${w} in *.c|*.h) echo src;; [0-9]*) echo num;; "a b") echo quoted;; *) echo other;; esac`);
    expect([c("x.c"), c("y.h"), c("42"), c("'a b'"), c("zz")]).toEqual(["src\n", "src\n", "num\n", "quoted\n", "other\n"]);
    expect(out("case x in (x) echo paren;; esac")).toBe("paren\n");
    expect(out("case x in\n  y) echo y\n  ;;\n  x)\n  ;;\nesac; echo $?")).toBe("0\n");
    expect(out('p="*"; case abc in $p) echo glob;; esac; case abc in "$p") echo lit;; esac')).toBe("glob\n");
  });
  it("functions with arguments, return and local", () => {
    expect(out('f() { echo "f:$1:$#"; return 3; }; f a b; echo $?')).toBe("f:a:2\n3\n");
    expect(out("x=g; f() { local x=l; echo $x; }; f; echo $x")).toBe("l\ng\n");
    expect(out("f() {\n echo body\n}\nf")).toBe("body\n");
  });
  it("set -e stops at an untested failure", () => {
    const r = runSh("set -e; false || echo tested; if false; then :; fi; exitwith 4; echo never");
    expect(r.out).toBe("tested\n");
    expect(r.status).toBe(4);
  });
  it("exit ends the script with a status", () => {
    expect(runSh("echo a; exit 5; echo b").status).toBe(5);
    expect(runSh("false; exit").status).toBe(1);
    const r = runSh("exit abc");
    expect(r.status).toBe(2);
    expect(r.err).toBe("sh: exit: line 1: Illegal number: abc\n");
  });
});

describe("commands and the environment", () => {
  it("missing commands print ash's message, status 127", () => {
    const r = runSh("nosuch arg; echo $?");
    expect(r.err).toBe("sh: nosuch: not found\n");
    expect(r.out).toBe("127\n");
    expect(runSh("/bin/nope").err).toBe("sh: /bin/nope: not found\n");
  });
  it("non-executables give Permission denied, status 126", () => {
    const r = runSh("/tmp/f; echo $?", (os) => os.writeFile("/tmp/f", "x"));
    expect(r.err).toBe("sh: /tmp/f: Permission denied\n");
    expect(r.out).toBe("126\n");
  });
  it("X=1 cmd sets the child's environment only", () => {
    const r = runSh("FOO=bar printenv FOO; echo [$FOO]; printenv FOO; echo $?");
    expect(r.out).toBe("bar\n[]\n1\n");
  });
  it("export and unset", () => {
    expect(out("A=1; printenv A; export A; printenv A; unset A; printenv A; echo $?")).toBe("1\n1\n");
    expect(out("export B=2 C; printenv B")).toBe("2\n");
    expect(out('V="a b"; export W=$V; printenv W')).toBe("a b\n");
    expect(runSh("printenv HOME", undefined, { env: { HOME: "/root" } }).out).toBe("/root\n");
  });
  it("assignment-only commands keep the status of their command substitution", () => {
    expect(out("x=$(false); echo $?; y=$(exitwith 3) z=1; echo $?")).toBe("1\n3\n");
    expect(out("false; x=1; echo $?")).toBe("0\n");
  });
  it("cd tracks the cwd and makes paths absolute", () => {
    const r = runSh("cd /tmp; echo hi > f; cat f; cat /tmp/f; pwd; echo $PWD; cd ..; pwd; cd /nonexist; echo $?");
    expect(r.out).toBe("hi\nhi\n/tmp\n/tmp\n/\n2\n");
    expect(r.err).toBe("sh: cd: line 1: can't cd to /nonexist: No such file or directory\n");
  });
  it("exec CMD runs the program then exits with its status", () => {
    const r = runSh("exec exitwith 9; echo never");
    expect(r.status).toBe(9);
    expect(r.out).toBe("");
  });
  it("mknod then a program using the device", () => {
    const r = runSh("mknod /dev/x c 250 0; cat /dev/x; echo rc=$?");
    expect(r.out).toBe("dev 250:0\nrc=0\n");
    expect(r.os.spawned.map((a) => a[0])).toEqual(["mknod", "cat"]);
  });
});
