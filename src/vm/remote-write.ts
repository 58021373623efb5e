import type { JsonLine } from "./json-line";

/**
 * Prometheus' staleness marker: a NaN with this exact bit pattern. VictoriaMetrics keeps it
 * (it drops every other NaN), but its JSON and text import formats cannot spell it, so series
 * that carry one go through remote write, where a value is raw float64 bits.
 */
export const STALE_NAN_BITS = 0x7ff0000000000002n;

/**
 * A Prometheus remote-write request body (protobuf WriteRequest, snappy block format) for
 * series in JSON-line shape; every NaN value is written as the staleness marker.
 */
export function encodeRemoteWrite(series: ReadonlyArray<JsonLine>): Uint8Array<ArrayBuffer> {
  const request = new ProtoWriter();
  for (const line of series) {
    const ts = new ProtoWriter();
    for (const [name, value] of Object.entries(line.metric)) {
      ts.message(1, new ProtoWriter().string(1, name).string(2, value));
    }
    line.values.forEach((value, i) => {
      ts.message(2, new ProtoWriter().double(1, value).varint(2, BigInt(line.timestamps[i]!)));
    });
    request.message(1, ts);
  }
  return snappyUncompressed(request.bytes());
}

/** The few protobuf wire types a WriteRequest needs. */
class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;

  string(field: number, value: string): this {
    return this.lengthDelimited(field, Buffer.from(value, "utf8"));
  }
  message(field: number, inner: ProtoWriter): this {
    return this.lengthDelimited(field, inner.bytes());
  }
  double(field: number, value: number): this {
    const b = Buffer.alloc(8);
    if (Number.isNaN(value)) b.writeBigUInt64LE(STALE_NAN_BITS);
    else b.writeDoubleLE(value);
    return this.tag(field, 1).push(b);
  }
  /** A non-negative int64 (remote write's timestamps are Unix ms). */
  varint(field: number, value: bigint): this {
    return this.tag(field, 0).push(varint(value));
  }
  bytes(): Uint8Array {
    return Buffer.concat(this.chunks, this.length);
  }
  private lengthDelimited(field: number, data: Uint8Array): this {
    return this.tag(field, 2)
      .push(varint(BigInt(data.length)))
      .push(data);
  }
  private tag(field: number, wireType: number): this {
    return this.push(varint(BigInt((field << 3) | wireType)));
  }
  private push(data: Uint8Array): this {
    this.chunks.push(data);
    this.length += data.length;
    return this;
  }
}

function varint(value: bigint): Uint8Array {
  const out: number[] = [];
  let v = BigInt.asUintN(64, value);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Uint8Array.from(out);
}

/**
 * Snappy's block format with the data as one literal: valid snappy that any decoder accepts,
 * without a compressor dependency. Stale-marker series are few, so size does not matter.
 */
function snappyUncompressed(data: Uint8Array): Uint8Array<ArrayBuffer> {
  const header = [...varint(BigInt(data.length))];
  if (data.length > 0) {
    const n = data.length - 1;
    // Literal tag: (60 + extra length bytes - 1) << 2, then length - 1 little-endian.
    if (n < 60) header.push(n << 2);
    else {
      const lengthBytes = n < 1 << 8 ? 1 : n < 1 << 16 ? 2 : n < 1 << 24 ? 3 : 4;
      header.push((59 + lengthBytes) << 2);
      for (let i = 0; i < lengthBytes; i++) header.push((n >>> (8 * i)) & 0xff);
    }
  }
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  return out;
}
