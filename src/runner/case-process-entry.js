// @ts-check
// The case process's entry (forked by case-process.ts). Plain CommonJS, so that Node starts it
// without a TypeScript loader: it loads the rest (case-process-serve.ts) through jest's own
// transform, with the project's config, and keeps the transform's require hook for the
// process's life, so that everything a case requires, whenever it requires it, is transformed
// as jest would transform it.
"use strict";
const { createScriptTransformer } = require("@jest/transform");
const { join } = require("node:path");

// Stack traces name the lines of the TypeScript source (the transform's output carries its
// source map), as in jest's own test files: a case's errors point at its lines.
process.setSourceMapsEnabled(true);
// The parent is gone (jest killed): so is this process.
process.on("disconnect", () => process.exit(1));

process.once("message", async (/** @type {any} */ init) => {
  const transformer = await createScriptTransformer(init.config);
  await transformer.requireAndTranspileModule(
    join(__dirname, "case-process-serve.ts"),
    (/** @type {any} */ serve) => serve.serve(init),
    {
      applyInteropRequireDefault: false,
      instrument: false,
      supportsDynamicImport: false,
      supportsExportNamespaceFrom: false,
      supportsStaticESM: false,
      supportsTopLevelAwait: false,
    },
  );
});
