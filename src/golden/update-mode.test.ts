import { updateMode } from "./update-mode";

test.each([
  ["jest's default outside CI writes new goldens only", undefined, {}, "new"],
  ["-u rewrites", "all", {}, "all"],
  ["--ci checks only", "none", {}, "none"],
  ["CI=true never writes, even with -u", "all", { CI: "true" }, "none"],
  ["CI=1 too", "new", { CI: "1" }, "none"],
  ["CI=false is not CI", "all", { CI: "false" }, "all"],
])("%s", (_, jestMode, env, expected) => {
  expect(updateMode(jestMode, env)).toBe(expected);
});
