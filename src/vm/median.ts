/** The median of a benchmark's timings: the middle value, or the mean of the two middle ones. In vm/, the lowest folder, so every bench-*.ts may import it. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
