// The official socket.io-client 4.8 with socket.io-msgpack-parser against a sio4j server speaking msgpack (see
// MsgpackNodeClientTest for the server's handlers). Usage: node client.js <url> <transport>. Runs one scenario after
// the other and prints one line per observation; "done" at the end.
const { io } = require("socket.io-client");
const parser = require("socket.io-msgpack-parser");

const [, , url, transport] = process.argv;
const opts = { transports: [transport], parser, forceNew: true, reconnection: false };

function show(value) {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return "bin:" + Buffer.from(value).toString("hex");
  }
  if (value instanceof ArrayBuffer) {
    return "bin:" + Buffer.from(new Uint8Array(value)).toString("hex");
  }
  if (Array.isArray(value)) {
    return value.map(show);
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, show(v)]));
  }
  return value;
}

function out(...parts) {
  console.log(parts.map((p) => (typeof p === "string" ? p : JSON.stringify(show(p)))).join(" "));
}

// With connection state recovery on, the server appends its offset to each event it emits: printed apart.
function withOffset(args) {
  const offset = args.pop();
  return [args, typeof offset];
}

function connected(socket) {
  return new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
}

function ack(socket, ...args) {
  return new Promise((resolve, reject) => socket.timeout(5000).emit(...args,
    (err, ...answer) => (err ? reject(err) : resolve(answer))));
}

async function main() {
  const a = io(url, opts);
  const b = io(url, opts);
  const admin = io(url + "/admin", opts);
  await Promise.all([a, b, admin].map(connected));
  out("connected", a.io.engine.transport.name);

  // binary and numbers of every size, client to server and back in the acknowledgement
  out("echo", await ack(a, "echo", 1, "two", { three: Buffer.from([3]), list: [Buffer.from([4, 5]), 6.5] },
    Buffer.from([7]), null, true, -5000000000, 0.1, "\u00e9\ud83d\ude00"));

  // the server asks (an EVENT with an ack id and binary), the client answers with binary
  const answered = new Promise((resolve) => a.once("answer-was", (...args) => resolve(withOffset(args))));
  a.once("question", (n, bytes, callback) => callback(n * 2, Buffer.concat([Buffer.from(bytes), Buffer.from([0xff])])));
  a.emit("ask-me");
  out("answer-was", ...(await answered));

  // a namespace multiplexed over the same connection
  out("admin", await ack(admin, "whereami"));

  // a broadcast to a room reaches its member only
  a.on("room-message", (...args) => out("a room-message", ...withOffset(args)));
  b.on("room-message", (...args) => out("b room-message", ...withOffset(args)));
  const after = [a, b].map((s, i) => new Promise((resolve) => s.once("after-room", () => {
    out(["a", "b"][i] + " after-room");
    resolve();
  })));
  await ack(a, "join", "room1");
  await ack(b, "to-room", "room1", "hello", Buffer.from([9]));
  await Promise.all(after);

  // connection state recovery: the client got an event (so it has an offset), the server drops the connection and
  // emits meanwhile, the client comes back with its session id and offset and gets what it missed
  const r = io(url, opts);
  await connected(r);
  const id = r.id;
  out("recovery connect", String(r.recovered));
  await ack(r, "join", "recovery");
  const live = new Promise((resolve) => r.once("news", (...args) => resolve(withOffset(args))));
  await ack(b, "emit-news", 1);
  out("recovery news", ...(await live));
  const lost = new Promise((resolve) => r.once("disconnect", resolve));
  r.emit("drop-me");
  out("recovery disconnect", await lost);
  await ack(b, "emit-news", 2);
  const missed = new Promise((resolve) => r.once("news", (...args) => resolve(withOffset(args))));
  r.connect();
  await connected(r);
  out("recovery reconnect", String(r.recovered), String(r.id === id));
  out("recovery news", ...(await missed));

  [a, b, admin, r].forEach((s) => s.disconnect());
  out("done");
}

main().catch((e) => {
  out("error", e.message);
  process.exit(1);
});
