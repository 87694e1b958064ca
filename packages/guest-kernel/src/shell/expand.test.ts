import { describe, expect, it } from "vitest";
import { runSh, type FakeOS } from "./test-fake-os.js";

const out = (script: string, setup?: (os: FakeOS) => void, args?: string[]): string => runSh(script, setup, { args }).out;

describe("quoting", () => {
  it("single quotes keep everything literal", () => {
    expect(out("echo '$HOME `x` \\n \"q\"'")).toBe('$HOME `x` \\n "q"\n');
  });
  it("double quotes expand $ and ` but keep spaces and globs", () => {
    expect(out('X="a  b"; echo "$X *" \'$X\'')).toBe("a  b * $X\n");
    expect(out('echo "\\$ \\" \\\\ \\a"')).toBe('$ " \\ \\a\n');
  });
  it("backslash escapes outside quotes", () => {
    expect(out("echo \\$X \\' \\\" a\\ b \\\\")).toBe("$X ' \" a b \\\n");
    expect(out("echo a\\\nb")).toBe("ab\n");
  });
  it("adjacent quoted and unquoted pieces form one word", () => {
    expect(out("args 'a'\"b\"c'' \"\" ''")).toBe("<abc><><>\n");
    expect(out("args a'  'b")).toBe("<a  b>\n");
  });
  it("unterminated quotes are syntax errors", () => {
    const r = runSh("echo 'abc");
    expect(r.status).toBe(2);
    expect(r.err).toBe("sh: syntax error: unterminated quoted string\n");
    expect(runSh('echo "abc').err).toBe("sh: syntax error: unterminated quoted string\n");
  });
});

describe("parameters", () => {
  it("$VAR, ${VAR}, unset variables", () => {
    expect(out("A=x; echo $A ${A}y $Ay [$NOPE]")).toBe("x xy []\n");
  });
  it("special parameters $$ $# $@ $* $0 $1", () => {
    expect(out('echo $$ $# $0 $1 $2 "$@"', undefined, ["a", "b c"])).toBe("42 2 sh a b c a b c\n");
    expect(out('args "$@"; args $@; args "$*"; args "x$@y"', undefined, ["a", "b c"])).toBe("<a><b c>\n<a><b><c>\n<a b c>\n<xa><b cy>\n");
    expect(out('args "$@"', undefined, [])).toBe("\n");
    expect(out("set -- p q; echo $# $2; shift; echo $1")).toBe("2 q\nq\n");
  });
  it("## # %% % pattern removal", () => {
    const s = "P=/sys/bus/pci/devices/0000:00:04.0.txt";
    expect(out(`${s}; echo \${P##*/} \${P#*/} \${P%.*} \${P%%.*} \${P#nomatch}`)).toBe(
      "0000:00:04.0.txt sys/bus/pci/devices/0000:00:04.0.txt /sys/bus/pci/devices/0000:00:04.0 /sys/bus/pci/devices/0000:00:04 /sys/bus/pci/devices/0000:00:04.0.txt\n",
    );
    expect(out('X="a*b*c"; echo "${X#*\\*}" "${X%"*"*}" ${X##a?}')).toBe("b*c a*b b*c\n");
  });
  it(":- - := :+ :? and ${#VAR}", () => {
    expect(out('E=; echo ${U:-d1} ${E:-d2} ${E-d3} [${U-}] ${A:=set}; echo $A ${A:+alt} [${U:+alt}] ${#A}')).toBe("d1 d2 [] set\nset alt [] 3\n");
    expect(out('args ${U:-"a b"} ${U:-a b}')).toBe("<a b><a><b>\n");
    const r = runSh("echo ${U:?custom msg}; echo never");
    expect(r.err).toBe("sh: U: custom msg\n");
    expect(r.status).toBe(2);
  });
  it("bad substitutions are syntax errors", () => {
    expect(runSh("echo ${}").err).toBe("sh: syntax error: bad substitution\n");
    expect(runSh("echo ${A").err).toBe("sh: syntax error: missing '}'\n");
  });
});

describe("command substitution", () => {
  it("$(...) and backticks strip trailing newlines", () => {
    expect(out("echo [$(seq 3)] [`echo hi`]")).toBe("[1 2 3] [hi]\n");
    expect(out('echo "[$(seq 2)]"')).toBe("[1\n2]\n");
    expect(out("X=$(printf 'a\\n\\n\\n'); echo \"[$X]\"")).toBe("[a]\n");
  });
  it("nests: $( $( ) ) and backticks inside $( )", () => {
    expect(out("echo $(echo a $(echo b $(echo c)))")).toBe("a b c\n");
    expect(out('echo "$(echo "$(echo "in  ner")")"')).toBe("in  ner\n");
    expect(out("echo $(echo `echo bq`)")).toBe("bq\n");
    expect(out("echo `echo \\`echo deep\\``")).toBe("deep\n");
  });
  it("runs in a subshell and can contain any syntax", () => {
    expect(out("X=1; Y=$(X=2; echo $X); echo $X $Y")).toBe("1 2\n");
    expect(out("echo $(case a in a) echo case-in-subst;; esac)")).toBe("case-in-subst\n");
    expect(out("echo $( (echo sub) )")).toBe("sub\n");
    expect(out("echo [$()]")).toBe("[]\n");
  });
  it("does not leak fds", () => {
    const r = runSh("for i in 1 2 3; do x=$(seq $i); done; lsfd");
    expect(r.out).toBe("0 1 2\n");
  });
});

describe("field splitting", () => {
  it("splits unquoted expansions on IFS", () => {
    expect(out('X="  a  b\tc  "; args $X; args "$X"')).toBe("<a><b><c>\n<  a  b\tc  >\n");
    expect(out("X=; args $X x \"$X\"")).toBe("<x><>\n");
    expect(out('IFS=:; X="a::b:"; args $X')).toBe("<a><><b>\n");
    expect(out('IFS=", "; X="a, b,,c"; args $X')).toBe("<a><b><><c>\n");
    expect(out("X='a b'; args pre$X")).toBe("<prea><b>\n");
  });
  it("literal text is never split", () => {
    expect(out("IFS=:; args a:b")).toBe("<a:b>\n");
  });
  it("arithmetic expansion", () => {
    expect(out("i=5; echo $((i * 2 + 1)) $(( (1+2) << 2 )) $((7 % 3)) $((i > 3 && i < 9)) $((-3 / 2))")).toBe("11 12 1 1 -1\n");
    expect(out("n=0; : $((n += 4)); echo $n")).toBe("4\n");
    const r = runSh("echo $((1/0))");
    expect(r.err).toBe("sh: divide by zero\n");
    expect(r.status).toBe(2);
  });
});

describe("globbing", () => {
  const tree = (os: FakeOS): void => {
    for (const f of ["b.txt", "a.txt", "c.log", ".hidden", "d1/x", "d2/x", "d2/y"]) os.writeFile(`/w/${f}`, "");
  };
  it("*, ? and [...] match through readdir, sorted", () => {
    expect(out("echo /w/*.txt /w/?.log /w/[ab].txt /w/[!a].txt", tree)).toBe("/w/a.txt /w/b.txt /w/c.log /w/a.txt /w/b.txt /w/b.txt\n");
    expect(out("echo /w/*", tree)).toBe("/w/a.txt /w/b.txt /w/c.log /w/d1 /w/d2\n");
    expect(out("echo /w/.h*", tree)).toBe("/w/.hidden\n");
    expect(out("echo /w/*/x /w/*/y", tree)).toBe("/w/d1/x /w/d2/x /w/d2/y\n");
  });
  it("relative globs use the cwd", () => {
    expect(out("cd /w; echo *.txt d*/y", tree)).toBe("a.txt b.txt d2/y\n");
  });
  it("no match leaves the word; quoted globs are literal", () => {
    expect(out("echo /w/*.zz '/w/*' \"/w/*\" /w/\\*", tree)).toBe("/w/*.zz /w/* /w/* /w/*\n");
    expect(out("P='/w/*.log'; echo $P \"$P\"", tree)).toBe("/w/c.log /w/*.log\n");
  });
});
