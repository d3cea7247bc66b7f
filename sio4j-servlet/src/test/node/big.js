// The official socket.io-client over WebSocket with per-message deflate (the client's default when the server
// negotiates it; messages over 1 KiB are compressed): long messages both ways, the text with characters of one to
// four UTF-8 bytes. Usage: node big.js URL
// Prints: "negotiated <extensions>", then "round <length> ok" (or "round <length> differs") per length, then "done".
const { io } = require("socket.io-client");

const [url] = process.argv.slice(2);
const socket = io(url, { transports: ["websocket"], reconnection: false, timeout: 5000 });
const units = ["a", "\u00e9", "\u20ac", "\ud83d\ude00"];

function text(length, seed) {
  let s = "";
  let x = seed;
  while (s.length < length) {
    // a linear congruential generator in 32-bit integer arithmetic: the same text in every run
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += units[(x >>> 16) % units.length];
  }
  return s;
}

socket.on("connect_error", (err) => {
  console.log("connect_error " + err.message);
  process.exit(1);
});

socket.on("connect", async () => {
  console.log("negotiated " + (socket.io.engine.transport.ws.extensions || "none"));
  for (const length of [1000, 2047, 2049, 8193, 70001, 300000]) {
    const sent = text(length, length);
    const bytes = Buffer.alloc(length, 0).map((_, i) => (i * 31 + length) & 0xff);
    // emitWithAck resolves with the first argument only: both come back through a callback
    const [back, backBytes] = await new Promise((resolve, reject) => {
      socket.timeout(10000).emit("big", sent, bytes, (err, t, b) => (err ? reject(err) : resolve([t, b])));
    });
    const same = back === sent && Buffer.compare(Buffer.from(backBytes), bytes) === 0;
    console.log("round " + length + (same ? " ok" : " differs: " + String(back).length + " characters, "
        + Buffer.from(backBytes || []).length + " bytes"));
  }
  console.log("done");
  socket.disconnect();
  process.exit(0);
});
