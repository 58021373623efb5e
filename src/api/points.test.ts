import { asRange, instanceTypeSeries, percentilePoints, statusVolumePoints, valuePoints } from "./points";

const series = (metric: Record<string, string>, values: Array<[number, number]>) => ({ metric, values });

test("every timestamp gets a point: counts fill with 0, ratios with null", () => {
  const result = [series({}, [[20, 5]])];
  expect(valuePoints(result, [10, 20], 0)).toEqual([
    { timestamp: 10, value: 0 },
    { timestamp: 20, value: 5 },
  ]);
  expect(valuePoints(result, [10, 20], null)).toEqual([
    { timestamp: 10, value: null },
    { timestamp: 20, value: 5 },
  ]);
  expect(valuePoints([], [10], null)).toEqual([{ timestamp: 10, value: null }]);
});

test("NaN and infinities read as missing: they have no JSON form", () => {
  const result = [
    series({}, [
      [1, NaN],
      [2, Infinity],
    ]),
  ];
  expect(valuePoints(result, [1, 2], null).map((p) => p.value)).toEqual([null, null]);
});

test("status classes come from the first digit; other classes have no field", () => {
  const result = [
    series({ status_class: "2" }, [[1, 3]]),
    series({ status_class: "5" }, [[1, 1]]),
    series({ status_class: "1" }, [[1, 9]]),
  ];
  expect(statusVolumePoints(result, [1])).toEqual([{ timestamp: 1, status_2xx: 3, status_4xx: 0, status_5xx: 1 }]);
});

test("quantiles are matched by value, whatever their spelling", () => {
  const result = [series({ phi: "0.50" }, [[1, 0.3]]), series({ phi: "9.9e-1" }, [[1, 2]])];
  expect(percentilePoints(result, [1])).toEqual([{ timestamp: 1, p50: 0.3, p90: null, p95: null, p99: 2 }]);
});

test("instance types are sorted by code point, not by locale or arrival", () => {
  const result = ["b", "T4", "A10G", "a"].map((t) => series({ instance_type: t }, [[1, 1]]));
  expect(instanceTypeSeries(result, [1]).map((s) => s.instance_type)).toEqual(["A10G", "T4", "a", "b"]);
});

test("code point order holds beyond the BMP, where UTF-16 code units would differ", () => {
  const result = ["😀", "Ａ", "é", ""].map((t) => series(t ? { instance_type: t } : {}, [[1, 1]]));
  expect(instanceTypeSeries(result, [1]).map((s) => s.instance_type)).toEqual(["", "é", "Ａ", "😀"]);
});

test("an instant sample reads as a one-point series", () => {
  expect(asRange([{ metric: { a: "1" }, value: [100, 2] }])).toEqual([{ metric: { a: "1" }, values: [[100, 2]] }]);
});
