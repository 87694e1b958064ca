// $(( )) arithmetic: C-like integer expressions over shell variables (64-bit, as BigInt).
export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

export class ArithError extends Error {}

const BINARY: [string[], number][] = [
  [["||"], 1], [["&&"], 2], [["|"], 3], [["^"], 4], [["&"], 5], [["==", "!="], 6],
  [["<=", ">=", "<", ">"], 7], [["<<", ">>"], 8], [["+", "-"], 9], [["*", "/", "%"], 10],
];
const PREC = new Map<string, number>();
for (const [ops, p] of BINARY) for (const o of ops) PREC.set(o, p);
const ASSIGN = ["<<=", ">>=", "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "="];
const TOKEN = /^\s*(0[xX][0-9a-fA-F]+|[0-9]+|[A-Za-z_][A-Za-z0-9_]*|<<=|>>=|\|\||&&|==|!=|<=|>=|<<|>>|[+\-*/%&^|]=|[-+*/%()<>=!~?:&^|,])/;
const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

export function evalArith(expr: string, vars: ArithVars, depth = 0): bigint {
  if (depth > 20) throw new ArithError("expression recursion loop detected");
  const toks: string[] = [];
  let rest = expr;
  while (rest.trim() !== "") {
    const m = TOKEN.exec(rest);
    if (!m) throw new ArithError("arithmetic syntax error");
    toks.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const isName = (t: string | undefined): t is string => t !== undefined && /^[A-Za-z_]/.test(t);
  const num = (t: string): bigint => {
    if (/^0[0-7]+$/.test(t)) return BigInt("0o" + t.slice(1));
    if (/^[0-9]/.test(t)) {
      if (!/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(t)) throw new ArithError("arithmetic syntax error");
      return BigInt(t);
    }
    const v = vars.get(t);
    if (v === undefined || v.trim() === "") return 0n;
    return evalArith(v, vars, depth + 1);
  };
  const primary = (skip: boolean): bigint => {
    const t = toks[i++];
    if (t === undefined) throw new ArithError("arithmetic syntax error");
    if (t === "(") {
      const v = comma(skip);
      if (toks[i++] !== ")") throw new ArithError("arithmetic syntax error");
      return v;
    }
    if (t === "-") return wrap(-primary(skip));
    if (t === "+") return primary(skip);
    if (t === "!") return primary(skip) === 0n ? 1n : 0n;
    if (t === "~") return wrap(~primary(skip));
    if (isName(t) && peek() !== undefined && ASSIGN.includes(peek() as string)) {
      const op = toks[i++];
      const rhs = assign(skip);
      if (skip) return 0n;
      const v = op === "=" ? rhs : binop(op.slice(0, -1), num(t), rhs);
      vars.set(t, String(v));
      return v;
    }
    if (/^[A-Za-z0-9_]/.test(t)) return skip ? 0n : num(t);
    throw new ArithError("arithmetic syntax error");
  };
  const binary = (minPrec: number, skip: boolean): bigint => {
    let lhs = primary(skip);
    for (;;) {
      const op = peek();
      const p = op === undefined ? undefined : PREC.get(op);
      if (op === undefined || p === undefined || p < minPrec) return lhs;
      i++;
      if (op === "&&" || op === "||") {
        const short = op === "&&" ? lhs === 0n : lhs !== 0n;
        const rhs = binary(p + 1, skip || short);
        lhs = short ? (op === "||" ? 1n : 0n) : rhs !== 0n ? 1n : 0n;
      } else {
        const rhs = binary(p + 1, skip);
        lhs = skip ? 0n : binop(op, lhs, rhs);
      }
    }
  };
  const assign = (skip: boolean): bigint => {
    const c = binary(1, skip);
    if (peek() !== "?") return c;
    i++;
    const a = assign(skip || c === 0n);
    if (toks[i++] !== ":") throw new ArithError("malformed ?: operator");
    const b = assign(skip || c !== 0n);
    return c !== 0n ? a : b;
  };
  const comma = (skip: boolean): bigint => {
    let v = assign(skip);
    while (peek() === ",") { i++; v = assign(skip); }
    return v;
  };
  if (toks.length === 0) return 0n;
  const v = comma(false);
  if (i !== toks.length) throw new ArithError("arithmetic syntax error");
  return v;
}

function binop(op: string, a: bigint, b: bigint): bigint {
  switch (op) {
    case "+": return wrap(a + b);
    case "-": return wrap(a - b);
    case "*": return wrap(a * b);
    case "/": case "%":
      if (b === 0n) throw new ArithError("divide by zero");
      return wrap(op === "/" ? a / b : a % b);
    case "<<": return wrap(a << (b & 63n));
    case ">>": return a >> (b & 63n);
    case "<": return a < b ? 1n : 0n;
    case "<=": return a <= b ? 1n : 0n;
    case ">": return a > b ? 1n : 0n;
    case ">=": return a >= b ? 1n : 0n;
    case "==": return a === b ? 1n : 0n;
    case "!=": return a !== b ? 1n : 0n;
    case "&": return a & b;
    case "^": return a ^ b;
    case "|": return a | b;
  }
  throw new ArithError("arithmetic syntax error");
}
