import fs = require("node:fs"); // the module object itself, so jest.spyOn can replace renameSync
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GoldenFile, GoldenFileError, parseGolden, serializeGolden } from "./golden-file";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "golden-file-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("a golden file", () => {
  test("is jest's snapshot format, entries sorted by name, bodies verbatim", () => {
    const text = serializeGolden(
      new Map([
        ["range 10", "{ `a` }"],
        ["range 2", '{ "b": "${x}\\\\" }'],
      ]),
    );
    expect(text).toBe(
      "// Jest Snapshot v1, https://goo.gl/fbAQLP\n\n" +
        'exports[`range 2`] = `\n{ "b": "\\${x}\\\\\\\\" }\n`;\n\n' +
        "exports[`range 10`] = `\n{ \\`a\\` }\n`;\n",
    );
    expect(parseGolden(text, "x.snap")).toEqual(
      new Map([
        ["range 2", '{ "b": "${x}\\\\" }'],
        ["range 10", "{ `a` }"],
      ]),
    );
  });

  test("round-trips byte for byte, and a save with no change writes nothing", () => {
    const path = join(dir, "a.snap");
    const file = GoldenFile.read(path);
    file.set("q", '{\n  "data": 1\n}');
    file.save();
    const again = GoldenFile.read(path);
    expect(again.get("q")).toBe('{\n  "data": 1\n}');
    again.set("q", '{\n  "data": 1\n}');
    const write = jest.spyOn(fs, "writeFileSync");
    try {
      again.save();
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
    expect(serializeGolden(new Map([["q", '{\n  "data": 1\n}']]))).toBe(readFileSync(path, "utf8"));
  });

  test("a file left without entries is removed", () => {
    const path = join(dir, "a.snap");
    const file = GoldenFile.read(path);
    file.set("q", "1");
    file.save();
    file.delete("q");
    file.save();
    expect(readdirSync(dir)).toEqual([]);
  });

  test("writes atomically: interrupted before the rename, the old file stays whole and no temp file is left", () => {
    const path = join(dir, "a.snap");
    const file = GoldenFile.read(path);
    file.set("q", "old");
    file.save();
    const before = readFileSync(path, "utf8");
    file.set("q", "new");
    const rename = jest.spyOn(fs, "renameSync").mockImplementation(() => {
      throw new Error("interrupted");
    });
    try {
      expect(() => file.save()).toThrow("interrupted");
    } finally {
      rename.mockRestore();
    }
    expect(readFileSync(path, "utf8")).toBe(before);
    expect(readdirSync(dir)).toEqual(["a.snap"]);
  });

  test("text that is not an entry is an error naming the file and line", () => {
    const text = "// Jest Snapshot v1, https://goo.gl/fbAQLP\n\nexports[`a`] = `\n1\n`;\n\n<<<<<<< HEAD\n";
    expect(() => parseGolden(text, "__golden__/x.snap")).toThrow(GoldenFileError);
    expect(() => parseGolden(text, "__golden__/x.snap")).toThrow(
      '__golden__/x.snap:7: not a golden entry: "<<<<<<< HEAD"',
    );
  });
});

describe("a golden file that is not what it should be", () => {
  const text = serializeGolden(
    new Map([
      ["a", '{ "data": 1 }'],
      ["b", '{\n  "data": 2\n}'],
    ]),
  );

  test("with Windows line ends reads as with Unix ones", () => {
    const path = join(dir, "crlf.snap");
    writeFileSync(path, text.replace(/\n/g, "\r\n"));
    expect(GoldenFile.read(path).get("b")).toBe('{\n  "data": 2\n}');
  });

  test("with a merge conflict inside an entry names the marker's line", () => {
    const conflicted = text.replace(
      '  "data": 2\n',
      '<<<<<<< HEAD\n  "data": 2\n=======\n  "data": 3\n>>>>>>> theirs\n',
    );
    expect(() => parseGolden(conflicted, "x.snap")).toThrow(
      'x.snap:9: a merge conflict inside the entry for "b" (<<<<<<<)',
    );
  });

  test("saved as UTF-16 says it is not UTF-8", () => {
    const path = join(dir, "utf16.snap");
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    expect(() => GoldenFile.read(path)).toThrow(
      new GoldenFileError(
        `${path}: not UTF-8 text (it is UTF-16: an editor saved it so). Golden files are UTF-8; restore it from git, or rewrite it with \`npm run update-goldens\`.`,
      ),
    );
    writeFileSync(path, Buffer.from([0x65, 0xff, 0x66]));
    expect(() => GoldenFile.read(path)).toThrow(`${path}: not UTF-8 text. Golden files are UTF-8`);
  });
});
