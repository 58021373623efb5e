// jest's transform for TypeScript: ts-jest, created only when a file must really be compiled.
// ts-jest loads TypeScript (about 0.3 s) just to compute a cache key, in every jest process and
// worker; this key is computed without it, and covers all that ts-jest's covers (its version,
// TypeScript's, tsconfig.json, jest's project config, the file's text and path). So a run whose
// transforms are all in jest's cache never loads TypeScript.
"use strict";
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "../..");
const versions = ["ts-jest", "typescript"].map((pkg) => `${pkg}@${require(`${pkg}/package.json`).version}`).join(" ");

module.exports = {
  createTransformer(options = {}) {
    let tsJest;
    const compiler = () => (tsJest ??= require("ts-jest").default.createTransformer(options));
    const tsconfig = readFileSync(options.tsconfig ?? join(root, "tsconfig.json"), "utf8");
    return {
      canInstrument: false,
      getCacheKey(source, path, { configString, instrument, supportsStaticESM }) {
        return createHash("sha1")
          .update(
            [
              versions,
              tsconfig,
              JSON.stringify(options),
              configString,
              instrument,
              supportsStaticESM,
              path,
              source,
            ].join("\0"),
          )
          .digest("hex");
      },
      process(source, path, transformOptions) {
        return compiler().process(source, path, transformOptions);
      },
    };
  },
};
