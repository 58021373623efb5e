export default async function globalTeardown(): Promise<void> {
  await globalThis.__GOLDEN_VM__?.stop();
  globalThis.__GOLDEN_VM__ = undefined;
}
