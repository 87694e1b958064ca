import { it } from "vitest";
import { main } from "./cli.js";
async function run(argv: string[]) {
  let out = "", err = "";
  const code = await main(argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } }, () => 0);
  return { code, out: out.replace(/\n/g," "), err };
}
it("probe", async () => {
  for (const s of ["0","1","0x42","2147483648","4294967295","3000000000","123456789"]) {
    console.log(s, (await run(["prng","glibc-rand","--seed",s,"--count","3"])).out, (await run(["prng","glibc-rand_r","--seed",s,"--count","3"])).out);
  }
});
