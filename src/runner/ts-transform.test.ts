import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface Compiled {
  code: string;
}
interface Transformer {
  getCacheKey(source: string, path: string, options: object): string;
  process(source: string, path: string, options: object): Compiled;
}
const { createTransformer } = require("./ts-transform") as {
  createTransformer(
    options: object,
    injected: { compile(source: string, path: string): Compiled; store: string },
  ): Transformer;
};

const ROOT = join(__dirname, "../..");

/** What jest passes a transform: a project config (its string too), and how the file is loaded. */
const jestOptions = (rootDir: string, globals: object = {}) => {
  const config = { rootDir, cwd: rootDir, globals, testMatch: [`${rootDir}/cases/*.case.ts`] };
  return { config, configString: JSON.stringify(config), instrument: false, supportsStaticESM: false };
};

describe("the TypeScript transform's own store", () => {
  let store: string;
  let compiled: string[];
  const transformer = (options: object = {}) =>
    createTransformer(options, {
      store,
      compile(source, path) {
        compiled.push(path);
        if (source.includes("syntax error")) throw new Error(`${path}: ',' expected`);
        return { code: `compiled ${source}` };
      },
    });
  beforeEach(() => {
    store = mkdtempSync(join(tmpdir(), "ts-transform-"));
    compiled = [];
  });
  afterEach(() => rmSync(store, { recursive: true, force: true }));

  test("a file compiled under one jest config is not compiled again under another that reads the same tsconfig.json", () => {
    // The suite's config finds tsconfig.json from its rootDir; a fixture project's names it.
    const suite = jestOptions(ROOT);
    const fixture = jestOptions("/tmp/golden-fixture-1-0");
    const first = transformer().process("export const a = 1;", "/project/src/a.ts", suite);
    const again = transformer({ tsconfig: join(ROOT, "tsconfig.json") });
    expect(again.process("export const a = 1;", "/project/src/a.ts", fixture)).toEqual(first);
    expect(compiled).toEqual(["/project/src/a.ts"]);
    // jest's own cache keys them apart still
    expect(again.getCacheKey("export const a = 1;", "/project/src/a.ts", fixture)).not.toBe(
      transformer().getCacheKey("export const a = 1;", "/project/src/a.ts", suite),
    );
  });

  test("a config whose rootDir has a tsconfig.json of its own compiles for itself", () => {
    const other = mkdtempSync(join(tmpdir(), "ts-transform-project-"));
    try {
      writeFileSync(join(other, "tsconfig.json"), '{ "compilerOptions": { "target": "ES5" } }');
      transformer().process("export const a = 1;", "/project/src/a.ts", jestOptions(ROOT));
      transformer().process("export const a = 1;", "/project/src/a.ts", jestOptions(other));
      expect(compiled).toHaveLength(2);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  test("another text, path or transform option compiles again; a file that does not compile is never kept", () => {
    const suite = jestOptions(ROOT);
    transformer().process("export const a = 1;", "/project/src/a.ts", suite);
    transformer().process("export const a = 2;", "/project/src/a.ts", suite);
    transformer().process("export const a = 1;", "/project/src/b.ts", suite);
    transformer({ another: "option" }).process("export const a = 1;", "/project/src/a.ts", suite);
    expect(compiled).toHaveLength(4);

    for (let i = 0; i < 2; i++) {
      expect(() => transformer().process("syntax error", "/project/src/c.ts", suite)).toThrow("',' expected");
    }
    expect(compiled.filter((path) => path.endsWith("c.ts"))).toHaveLength(2);
  });
});

describe("the TypeScript transform's compiler (esbuild)", () => {
  const { createTransformer: real } = require("./ts-transform") as {
    createTransformer(options: object, injected: { store: string }): Transformer;
  };
  let store: string;
  beforeEach(() => (store = mkdtempSync(join(tmpdir(), "ts-transform-"))));
  afterEach(() => rmSync(store, { recursive: true, force: true }));

  test("writes CommonJS with its source map, inline and apart, and a dynamic import as a require", () => {
    const source =
      'import { join } from "node:path";\nexport const f = (a: string): string => join(a);\nexport const g = () => import("./g");\n';
    const { code, map } = real({}, { store }).process(source, "/project/src/f.ts", jestOptions(ROOT)) as Compiled & {
      map: string;
    };
    expect(code).toContain('require("node:path")');
    expect(code).not.toMatch(/\bimport\(/);
    expect(code).not.toContain(": string");
    expect(code).toMatch(/\/\/# sourceMappingURL=data:application\/json;base64,/);
    expect(JSON.parse(map).sources).toEqual(["/project/src/f.ts"]);
  });

  test("refuses a file that does not parse, naming the file, line and column", () => {
    expect(() =>
      real({}, { store }).process("export const a = {\n  b: 1\n  c: 2 };\n", "/project/src/c.ts", jestOptions(ROOT)),
    ).toThrow(/\/project\/src\/c\.ts:3:2: ERROR: Expected "}" but found "c"/);
  });

  test("refuses import.meta, which CommonJS has not (the type-check lets it by), naming the file and line", () => {
    expect(() =>
      real({}, { store }).process("export const d = import.meta.dirname;\n", "/project/src/d.ts", jestOptions(ROOT)),
    ).toThrow(/\/project\/src\/d\.ts:1:17: ERROR: "import\.meta" is not available with the "cjs" output format/);
  });
});
