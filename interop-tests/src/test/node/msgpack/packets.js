// The packets both msgpack parsers must agree on, shared by the byte-equality test: Node encodes each with the
// official socket.io-msgpack-parser, sio4j encodes the same packet read from its description, and the bytes must be
// equal. Objects are written in the key order of the reference server (socket.io 4.8 lib/socket.ts): {type, data,
// nsp}, {type, data, id, nsp} for an EVENT with an ack id, {id, type, data, nsp} for an ACK.
//
// Entries marked `divergent` are packets whose bytes differ on purpose (said where they are).
// Entries with `decodeOnly` are forms sio4j never writes but must read (what the reference client and server write);
// `expect` is what they mean once decoded, in the description format of table.js.
const ints = [0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296, 2 ** 53 - 1, 2 ** 63, 2 ** 64 - 2048,
  -1, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649, -(2 ** 53 - 1), -(2 ** 63)];
const sixteen = Array.from({ length: 16 }, (_, i) => i);
const sixteenKeys = Object.fromEntries(sixteen.map((i) => ["k" + i, i]));

module.exports = [
  { name: "connect", packet: { type: 0, nsp: "/" } },
  { name: "connect with auth", packet: { type: 0, data: { token: "abc", n: 1 }, nsp: "/admin" } },
  { name: "connect answer", packet: { type: 0, data: { sid: "Fq1e3Ys8", pid: "p-1" }, nsp: "/" } },
  { name: "disconnect", packet: { type: 1, nsp: "/admin" } },
  {
    name: "event with strings",
    packet: {
      type: 2,
      data: ["message", "", "hello", "x".repeat(31), "y".repeat(32), "z".repeat(255), "w".repeat(256),
        "v".repeat(70000)],
      nsp: "/",
    },
  },
  { name: "event with integers", packet: { type: 2, data: ["ints", ...ints], nsp: "/" } },
  {
    name: "event with floats",
    packet: { type: 2, data: ["floats", 1.5, -0.25, 0.1, 123456.789, -1e-300, 3.0, -0, NaN, Infinity, -Infinity],
      nsp: "/" },
  },
  // Integral numbers from 2^64 up: notepack splits them into two 32-bit halves that wrap, so that 1e300 is written as
  // the integer 0; sio4j writes the float 64 instead, which the official decoder reads as the number sent.
  { name: "event with integral numbers beyond 64 bits", divergent: true,
    packet: { type: 2, data: ["huge", 2 ** 64, 1e300, -(2 ** 63) - 4096], nsp: "/" } },
  {
    name: "event with nesting",
    packet: {
      type: 2,
      data: ["nested", { a: { b: { c: [1, [2, [3, { d: null }]]] } }, list: [true, false, null], empty: {}, arr: [] },
        sixteen, sixteenKeys],
      nsp: "/chat",
    },
  },
  {
    name: "event with unicode",
    packet: { type: 2, data: ["unicode", "\u00e9t\u00e9", "\u65e5\u672c\u8a9e", "\ud83d\ude00 emoji", "\u0000",
      { "cl\u00e9": "valeur" }], nsp: "/\u00e9" },
  },
  {
    name: "event with binary",
    packet: {
      type: 2,
      data: ["bin", Buffer.alloc(0), Buffer.from([1, 2, 3]), Buffer.alloc(300, 7), Buffer.alloc(70000, 9),
        { nested: Buffer.from([0xff]) }],
      nsp: "/",
    },
  },
  {
    name: "event with null and booleans",
    packet: { type: 2, data: ["misc", null, true, false, { x: null }], nsp: "/" },
  },
  { name: "event with ack id", packet: { type: 2, data: ["ask", 1], id: 42, nsp: "/chat" } },
  { name: "event with a large ack id", packet: { type: 2, data: ["ask"], id: 70000, nsp: "/" } },
  { name: "ack", packet: { id: 42, type: 3, data: ["answer", Buffer.from([0xca, 0xfe])], nsp: "/chat" } },
  { name: "empty ack", packet: { id: 0, type: 3, data: [], nsp: "/" } },
  {
    name: "connect error",
    packet: { type: 4, data: { message: "unauthorized", data: { reason: "bad token" } }, nsp: "/secure" },
  },
  { name: "connect error as text", packet: { type: 4, data: "Invalid namespace", nsp: "/nowhere" } },

  // what the reference client writes: `options` in an EVENT, `data: undefined` in a CONNECT without auth
  {
    name: "client event",
    decodeOnly: true,
    packet: { type: 2, data: ["e", 1], options: { compress: true }, id: 3, nsp: "/" },
    expect: { type: 2, data: ["e", 1], id: 3, nsp: "/" },
  },
  {
    name: "client connect without auth",
    decodeOnly: true,
    packet: { type: 0, data: undefined, nsp: "/" },
    expect: { type: 0, nsp: "/" },
  },
  { name: "client ack", decodeOnly: true, packet: { type: 3, id: 5, data: ["ok"], nsp: "/" },
    expect: { type: 3, data: ["ok"], id: 5, nsp: "/" } },
  // what the reference server writes without connection state recovery: pid undefined
  {
    name: "server connect answer",
    decodeOnly: true,
    packet: { type: 0, data: { sid: "s", pid: undefined }, nsp: "/" },
    expect: { type: 0, data: { sid: "s" }, nsp: "/" },
  },
  // values JSON has no form for: a Date, an ArrayBuffer and a typed array (notepack's ext type 0), undefined
  {
    name: "event with a date, array buffers and undefined",
    decodeOnly: true,
    packet: { type: 2, data: ["odd", new Date(1704164645678), new Uint8Array([1, 2]).buffer, new Uint8Array([3]),
      undefined, { u: undefined, v: 1 }], nsp: "/" },
    expect: { type: 2, data: ["odd", "2024-01-02T03:04:05.678Z", { $bin: "0102" }, { $bin: "03" }, null, { v: 1 }],
      nsp: "/" },
  },
];
