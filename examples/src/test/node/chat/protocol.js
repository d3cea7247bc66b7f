// Drives the chat demo's Socket.IO events with the official Node client; prints one line per observation.
// usage: node protocol.js <url> <adminToken> [msgpack]
const { io } = require("socket.io-client");
const [url, token, parserName] = process.argv.slice(2);
const parser = parserName === "msgpack" ? require("socket.io-msgpack-parser") : undefined;
const out = (line) => console.log(line);
const connect = (nsp, auth) => io(url + nsp,
  { auth, transports: ["websocket"], reconnection: false, forceNew: true, ...(parser ? { parser } : {}) });
const connected = (socket) => new Promise((resolve, reject) => {
  socket.once("connect", () => resolve(socket));
  socket.once("connect_error", reject);
});

(async () => {
  try {
    await connected(connect("/", {}));
  } catch (err) {
    out("refused-without-name " + err.message);
  }

  const ada = await connected(connect("/", { name: "ada" }));
  const bob = await connected(connect("/", { name: "bob" }));
  const seen = [];
  bob.on("message", (m) => seen.push(m.id + ":" + m.from + ":" + m.text));
  const joined = await ada.emitWithAck("join", "general");
  out("ada-joined " + joined.room + " " + joined.members.join(","));
  const bobJoined = await bob.emitWithAck("join", "General ");
  out("bob-joined " + bobJoined.room + " " + bobJoined.members.join(","));

  const first = await ada.emitWithAck("message", { room: "general", id: "m1", text: "  hello  " });
  const again = await ada.emitWithAck("message", { room: "general", id: "m1", text: "hello" });
  out("same-ack " + (first.ts === again.ts && first.id === "m1"));
  await ada.emitWithAck("message", { room: "general", id: "m2", text: "barrier" });
  await new Promise((r) => setTimeout(r, 0));
  const deadline = Date.now() + 5000;
  while (seen.length < 2 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  out("bob-saw " + seen.join("|"));

  out("not-member " + (await ada.emitWithAck("message", { room: "random", id: "m3", text: "x" })).error);
  out("bad-room " + (await ada.emitWithAck("join", "no spaces allowed")).error);
  const big = new Uint8Array(950000);
  out("big-image " + (await ada.emitWithAck("image", { room: "general", id: "i1", mime: "image/png" }, big)).error);

  const pictures = [];
  bob.on("image", (meta, bytes) => pictures.push(meta.from + ":" + meta.mime + ":" + new Uint8Array(bytes).join(",")));
  const ack = await ada.emitWithAck("image", { room: "general", id: "i2", mime: "image/png", name: "p.png" },
    new Uint8Array([137, 80, 78, 71]));
  out("image-ack " + (ack.id === "i2"));
  while (pictures.length < 1 && Date.now() < deadline + 5000) {
    await new Promise((r) => setTimeout(r, 20));
  }
  out("bob-image " + pictures.join("|"));

  try {
    await connected(connect("/admin", { token: "wrong" }));
  } catch (err) {
    out("admin-refused " + err.message);
  }
  const admin = connect("/admin", { token });
  const stats = await new Promise((resolve, reject) => {
    admin.once("stats", resolve);
    admin.once("connect_error", reject);
  });
  out("admin-stats " + stats.connections + " " + stats.totalMessages + " "
    + stats.rooms.filter((r) => r.name === "general").map((r) => r.members + "/" + r.history).join(""));

  const left = new Promise((resolve) => bob.on("presence", (p) => p.members.length === 1 && resolve(p)));
  ada.disconnect();
  out("presence-after-leave " + (await left).members.join(","));
  bob.disconnect();
  admin.disconnect();
  out("done");
})().catch((err) => {
  out("error " + err.stack);
  process.exit(1);
});
