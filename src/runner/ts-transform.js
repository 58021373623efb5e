// jest's transform for TypeScript: ts-jest, created only when a file must really be compiled.
// ts-jest loads TypeScript (about 0.3 s) just to compute a cache key, in every jest process and
// worker; this key is computed without it, and covers all that ts-jest's covers (its version,
// TypeScript's, tsconfig.json, jest's project config, the file's text and path). So a run whose
// transforms are all in jest's cache never loads TypeScript.
//
// jest keeps its cache per project config, and the tool's own tests run child jests of other
// configs (the workflow tests' fixture projects, the lifecycle tests' hang config), each of which
// compiled the whole runner again on a fresh clone: about 3 s of CPU a config. So a compiled file
// is also kept in a store of its own (node_modules/.cache/ts-transform), keyed by what ts-jest's
// output depends on (the tsconfig.json it reads, by path and text) and not by the config: the same
// file compiles once for every config that reads it the same way.
"use strict";
const { createHash, randomBytes } = require("node:crypto");
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { dirname, join, resolve } = require("node:path");

const root = join(__dirname, "../..");
const defaultStore = join(root, "node_modules/.cache/ts-transform");
const versions = ["ts-jest", "typescript"].map((pkg) => `${pkg}@${require(`${pkg}/package.json`).version}`).join(" ");
const sha1 = (parts) => createHash("sha1").update(parts.join("\0")).digest("hex");

/**
 * The tsconfig.json ts-jest reads for a project, and its text: the transform's `tsconfig` option
 * (resolved from jest's rootDir), or the nearest one from jest's rootDir up, as ts-jest finds it.
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
  return path ? `${path}\0${readFileSync(path, "utf8")}` : "";
}

module.exports = {
  /**
   * jest passes `options` (the transform's config) only; a test also passes how to compile and
   * where the store is.
   */
  createTransformer(options = {}, { compile, store = defaultStore } = {}) {
    let tsJest;
    const compiler = () =>
      compile ? { process: compile } : (tsJest ??= require("ts-jest").default.createTransformer(options));
    const tsconfigs = new Map();
    const tsconfig = (rootDir) => {
      if (!tsconfigs.has(rootDir)) tsconfigs.set(rootDir, tsconfigOf(options.tsconfig, rootDir));
      return tsconfigs.get(rootDir);
    };
    // A tsconfig.json named by its path is in the key by its resolved path and text (tsconfig()).
    const { tsconfig: named, ...rest } = options;
    const settings = JSON.stringify(typeof named === "object" ? options : rest);
    // Of jest's config, ts-jest's output depends on the tsconfig.json it finds from rootDir and on
    // `globals` (its legacy options) only; the path stays in the key, as the source map names it.
    const storeKey = (source, path, { config, instrument, supportsStaticESM }) =>
      sha1([
        versions,
        tsconfig(config.rootDir),
        settings,
        JSON.stringify(config.globals ?? {}),
        instrument,
        supportsStaticESM,
        path,
        source,
      ]);
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
        const compiled = compiler().process(source, path, transformOptions);
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
