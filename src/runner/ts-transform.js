// jest's transform for TypeScript: esbuild, which strips the types (the type-check is `tsc -b`,
// beside jest in `npm test`) and reports syntax errors. Not ts-jest, the stack's first choice:
// ts-jest loads TypeScript (about 0.3 s of CPU) in every process that compiles anything, and takes
// milliseconds a file where esbuild takes a fraction of one; a fresh clone's `CI=true npm test`
// took 0.72-0.80 of the time with esbuild (README, Decisions).
//
// jest keeps its cache per project config, and the tool's own tests run child jests of other
// configs (the workflow tests' fixture projects, the lifecycle tests' hang config), each of which
// compiled the whole runner again on a fresh clone. So a compiled file is also kept in a store of
// its own (node_modules/.cache/ts-transform), keyed by what the output depends on (esbuild's
// version and this file, the tsconfig.json found from jest's rootDir, by path and text, the
// transform's options) and not by the config: the same file compiles once for every config that
// reads it the same way.
"use strict";
const { createHash, randomBytes } = require("node:crypto");
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { dirname, join, resolve } = require("node:path");

const root = join(__dirname, "../..");
const defaultStore = join(root, "node_modules/.cache/ts-transform");
// How this file calls esbuild shapes the output too: its own text is part of the key.
const compiler = `esbuild@${require("esbuild/package.json").version}\0${readFileSync(__filename, "utf8")}`;
const sha1 = (parts) => createHash("sha1").update(parts.join("\0")).digest("hex");

/**
 * The tsconfig.json for a project, by path and text: the transform's `tsconfig` option (resolved
 * from jest's rootDir), or the nearest one from jest's rootDir up.
 */
function tsconfigOf(option, rootDir) {
  let path;
  if (typeof option === "string") path = resolve(rootDir, option.replace("<rootDir>", rootDir));
  else if (option === undefined) {
    for (let dir = rootDir; !path; dir = dirname(dir)) {
      if (existsSync(join(dir, "tsconfig.json"))) path = join(dir, "tsconfig.json");
      else if (dirname(dir) === dir) break;
    }
  }
  return path ? { path, text: readFileSync(path, "utf8") } : { path: "", text: "{}" };
}

/**
 * CommonJS, as jest loads it; `import()` as a require, as tsc emits it for CommonJS (jest's
 * sandbox has no ESM loader for .ts files); the source map both inline, for stack traces outside
 * jest (the case process), and apart, for jest's own. esbuild reads from tsconfig.json what
 * changes the JavaScript it writes (class fields, decorators, JSX).
 */
function compileWithEsbuild(source, path, tsconfig) {
  const { code, map } = require("esbuild").transformSync(source, {
    loader: path.endsWith(".js") ? "js" : "ts",
    format: "cjs",
    target: "es2022",
    supported: { "dynamic-import": false },
    sourcemap: "both",
    sourcefile: path,
    tsconfigRaw: tsconfig.text,
    // CommonJS has no import.meta: esbuild would leave it empty ({}), and the type-check, with
    // module "preserve" (tsconfig.json), lets it by. So it fails here, by file and line.
    logOverride: { "empty-import-meta": "error" },
  });
  return { code, map };
}

module.exports = {
  /**
   * jest passes `options` (the transform's config) only; a test also passes how to compile and
   * where the store is.
   */
  createTransformer(options = {}, { compile, store = defaultStore } = {}) {
    const tsconfigs = new Map();
    const tsconfig = (rootDir) => {
      if (!tsconfigs.has(rootDir)) tsconfigs.set(rootDir, tsconfigOf(options.tsconfig, rootDir));
      return tsconfigs.get(rootDir);
    };
    // A tsconfig.json named by its path is in the key by its resolved path and text (tsconfig()).
    const { tsconfig: named, ...rest } = options;
    const settings = JSON.stringify(typeof named === "object" ? options : rest);
    // Of jest's config, the output depends on the tsconfig.json found from rootDir only; the
    // path stays in the key, as the source map names it.
    const storeKey = (source, path, { config, instrument, supportsStaticESM }) => {
      const { path: tsconfigPath, text } = tsconfig(config.rootDir);
      return sha1([compiler, tsconfigPath, text, settings, instrument, supportsStaticESM, path, source]);
    };
    return {
      canInstrument: false,
      // jest's own cache is per config: its key is the store's, and the config and options besides.
      getCacheKey(source, path, transformOptions) {
        return sha1([storeKey(source, path, transformOptions), JSON.stringify(options), transformOptions.configString]);
      },
      process(source, path, transformOptions) {
        const key = storeKey(source, path, transformOptions);
        const file = join(store, key.slice(0, 2), key);
        try {
          return JSON.parse(readFileSync(file, "utf8"));
        } catch {
          // not compiled yet
        }
        const compiled = compile
          ? compile(source, path)
          : compileWithEsbuild(source, path, tsconfig(transformOptions.config.rootDir));
        try {
          // Whole or not at all: jest's workers and child jests read the store at once. (A
          // process killed between the two steps leaves a partial file that is never read.)
          mkdirSync(join(store, key.slice(0, 2)), { recursive: true });
          const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
          writeFileSync(partial, JSON.stringify(compiled));
          renameSync(partial, file);
        } catch {
          // a store that cannot be written costs the next config a compile, nothing more
        }
        return compiled;
      },
    };
  },
};
