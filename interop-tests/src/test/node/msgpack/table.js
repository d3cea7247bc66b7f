// The byte-equality peer of MsgpackParserInteropTest. Prints, for each packet of packets.js, one line
//   case {"name", "hex" (the official socket.io-msgpack-parser's bytes), "desc" (the packet described),
//         "roundTrip" (the packet the official decoder reads back from those bytes, described), "decodeOnly",
//         "divergent"}
// then "ready", and answers each stdin line "decode <name> <hex>" (sio4j's bytes) with
//   decoded <name> <description of what the official decoder reads>   or   refused <name> <message>
// Descriptions are JSON, with {"$bin": hex} for binary and {"$num": "NaN" | "Infinity" | "-Infinity" | "-0"}.
const { Encoder, Decoder } = require("socket.io-msgpack-parser");
const readline = require("readline");
const packets = require("./packets.js");

function describe(value) {
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) {
    return { $bin: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex") };
  }
  if (value instanceof ArrayBuffer) {
    return { $bin: Buffer.from(value).toString("hex") };
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === "number" && (!isFinite(value) || Object.is(value, -0))) {
    return { $num: Object.is(value, -0) ? "-0" : String(value) };
  }
  if (Array.isArray(value)) {
    return value.map((v) => (v === undefined ? null : describe(v)));
  }
  if (value && typeof value === "object") {
    const out = {};
    for (const [key, v] of Object.entries(value)) {
      if (v !== undefined) out[key] = describe(v);
    }
    return out;
  }
  return value;
}

function decode(bytes) {
  let packet;
  const decoder = new Decoder();
  decoder.on("decoded", (p) => (packet = p));
  decoder.add(bytes);
  return packet;
}

const encoder = new Encoder();
for (const { name, packet, decodeOnly, divergent, expect } of packets) {
  const [bytes] = encoder.encode(packet);
  console.log("case " + JSON.stringify({
    name,
    hex: Buffer.from(bytes).toString("hex"),
    desc: expect || describe(packet),
    roundTrip: describe(decode(bytes)),
    decodeOnly: !!decodeOnly,
    divergent: !!divergent,
  }));
}
console.log("ready");

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const [command, name, hex] = line.split(" ");
  if (command !== "decode") return;
  const label = decodeURIComponent(name);
  try {
    console.log("decoded " + name + " " + JSON.stringify(describe(decode(Buffer.from(hex, "hex")))));
  } catch (e) {
    console.log("refused " + name + " " + e.message + " (" + label + ")");
  }
});
