import { describe, expect, it } from "vitest";
import { runSh, type FakeOS } from "./test-fake-os.js";

const dev = (os: FakeOS): void => { os.fs.set("/dev/hp", { kind: "chr", major: 246, minor: 0, opens: 0, content: "hp\n" }); };

describe("redirections", () => {
  it("> truncates and >> appends", () => {
    const r = runSh("echo one > /tmp/x; echo two >> /tmp/x; cat /tmp/x; echo three > /tmp/x; cat /tmp/x");
    expect(r.out).toBe("one\ntwo\nthree\n");
  });
  it("< reads a file; <> opens read-write, creating it", () => {
    expect(runSh("cat < /tmp/in", (os) => os.writeFile("/tmp/in", "data\n")).out).toBe("data\n");
    const r = runSh("cat <> /tmp/new; echo $?");
    expect(r.out).toBe("0\n");
    expect(r.os.readFile("/tmp/new")).toBe("");
  });
  it("builtins write through fds: echo > file, echo >&2", () => {
    const r = runSh("echo hi > /tmp/x; echo err >&2; echo out 1>&2 2>/tmp/e");
    expect(r.os.readFile("/tmp/x")).toBe("hi\n");
    expect(r.err).toBe("err\nout\n");
    expect(r.os.readFile("/tmp/e")).toBe("");
  });
  it("2> and 2>&1 order matters", () => {
    const a = runSh("warn w 2>/tmp/e; cat /tmp/e");
    expect(a.out).toBe("w\n");
    expect(a.err).toBe("");
    const b = runSh("warn w 2>&1 >/tmp/o");
    expect(b.out).toBe("w\n");
    const c = runSh("warn w >/tmp/o 2>&1; cat /tmp/o");
    expect(c.out).toBe("w\n");
  });
  it("N<file, N>file, N<&M, N>&M, N>&-", () => {
    const r = runSh("lsfd 4</tmp/in 5>/tmp/out; lsfd 7<&0; echo x 1>&-; echo st=$?", (os) => os.writeFile("/tmp/in", ""));
    expect(r.out).toBe("0 1 2 4 5\n0 1 2 7\nst=1\n");
    expect(r.err).toBe("sh: write error: Bad file descriptor\n");
    expect(r.os.openFds()).toEqual([0, 1, 2]);
  });
  it("redirections are per command and restored afterwards", () => {
    const r = runSh("echo a > /tmp/x; echo b; lsfd");
    expect(r.out).toBe("b\n0 1 2\n");
    expect(r.os.openFds()).toEqual([0, 1, 2]);
  });
  it("a failed input redirection: ash's message, status 1, command not run", () => {
    const r = runSh("cat < /nope; echo $?");
    expect(r.err).toBe("sh: can't open /nope: no such file\n");
    expect(r.out).toBe("1\n");
    expect(r.os.spawned).toEqual([]);
  });
  it("a failed output redirection: can't create, with errno text", () => {
    const r = runSh("echo 5 > /sys/module/p/count; echo $?; echo x > /nodir/f", (os) => os.writeFile("/sys/module/p/count", "1\n", true));
    expect(r.err).toBe("sh: can't create /sys/module/p/count: Permission denied\nsh: can't create /nodir/f: nonexistent directory\n");
    expect(r.out).toBe("1\n");
    expect(r.status).toBe(1);
  });
  it("dup of a closed fd fails with Bad file descriptor", () => {
    const r = runSh("echo x >&9; echo $?");
    expect(r.err).toBe("sh: 9: Bad file descriptor\n");
    expect(r.out).toBe("1\n");
  });
  it("redirection errors on special builtins end the shell", () => {
    const r = runSh("exec 3< /nope; echo never");
    expect(r.status).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toBe("sh: can't open /nope: no such file\n");
  });
  it("the redirection target is expanded but not split or globbed", () => {
    const r = runSh('f="/tmp/a b"; echo x > $f; cat "/tmp/a b"; echo y > /tmp/*; ls /tmp');
    expect(r.out).toBe("x\n*\na b\n");
  });
});

describe("exec and the shell's own fds", () => {
  it("exec 3</dev/hp keeps fd 3 open for later children; exec 3<&- closes it", () => {
    const r = runSh("exec 3</dev/hp; devusers; lsfd; exec 3<&-; devusers; lsfd", dev);
    expect(r.out).toBe("1\n0 1 2 3\n0\n0 1 2\n");
    expect(r.os.childFds.slice(1, 2)).toEqual([[0, 1, 2, 3]]);
  });
  it("the lab's sequence: mknod, exec 3<, a program, exec 3<&-", () => {
    const r = runSh("mknod /dev/hp c 246 0; exec 3</dev/hp; devusers /dev/hp; exec 3<&-; devusers /dev/hp");
    expect(r.out).toBe("1\n0\n");
    expect(r.os.openFds()).toEqual([0, 1, 2]);
  });
  it("exec 4>file redirects later builtin and program output", () => {
    const r = runSh("exec 4>/tmp/log; echo to-log >&4; warn w 2>&4; exec 4>&-; cat /tmp/log");
    expect(r.out).toBe("to-log\nw\n");
  });
  it("exec >file redirects the rest of the script", () => {
    const r = runSh("exec >/tmp/all; echo a; seq 2; exec >&2; echo b");
    expect(r.os.readFile("/tmp/all")).toBe("a\n1\n2\n");
    expect(r.err).toBe("b\n");
  });
  it("exec inside a subshell or pipeline does not leak", () => {
    const r = runSh("(exec 3</dev/hp); lsfd; { exec 5</dev/hp; } | cat; lsfd", dev);
    expect(r.out).toBe("0 1 2\n0 1 2\n");
    expect(r.os.fs.get("/dev/hp")).toMatchObject({ opens: 0 });
  });
  it("exec with an fd already open replaces it", () => {
    const r = runSh("exec 3</tmp/a; exec 3</tmp/b; cat <&3", (os) => { os.writeFile("/tmp/a", "A\n"); os.writeFile("/tmp/b", "B\n"); });
    expect(r.out).toBe("B\n");
  });
  it("works without fcntlDupfd (falls back to dup2 to high fds)", () => {
    const r = runSh("echo a > /tmp/x; cat /tmp/x; warn w 2>&1 | cat; lsfd", (os) => {
      (os as { fcntlDupfd?: unknown }).fcntlDupfd = undefined;
    });
    expect(r.out).toBe("a\nw\n0 1 2\n");
    expect(r.os.openFds()).toEqual([0, 1, 2]);
  });
});
