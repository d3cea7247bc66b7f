// Scenarios run by the official socket.io-client against a sio4j server; each prints one line per observation.
// Usage: node client.js <scenario> <url> [transport]
const { io } = require("socket.io-client");

const [, , scenario, url, transport] = process.argv;
const transports = transport ? [transport] : ["polling", "websocket"];

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
    const out = {};
    for (const key of Object.keys(value)) {
      out[key] = show(value[key]);
    }
    return out;
  }
  return value;
}

function out(...parts) {
  console.log(parts.map((p) => (typeof p === "string" ? p : JSON.stringify(show(p)))).join(" "));
}

function connect(path = "/", opts = {}) {
  return io(url + path, { transports, reconnection: false, forceNew: true, ...opts });
}

const scenarios = {
  // Mixed JSON and binary both ways, acks both ways with timeouts, catch-all listeners.
  async events() {
    const socket = connect();
    socket.onAny((event, ...args) => out("any", event));
    socket.on("question", (n, ack) => ack({ answer: n * 2 }, Buffer.from([0xca, 0xfe])));
    socket.on("ignored", () => {}); // never acknowledges: the server's timeout fires
    socket.on("server-timeout", (msg) => out("server-timeout", msg));
    socket.on("answer-was", (...args) => out("answer-was", args));
    socket.on("bin", (...args) => out("bin", args));
    await new Promise((resolve) => socket.on("connect", resolve));
    out("connected", socket.io.engine.transport.name);
    // a callback, not emitWithAck: emitWithAck resolves with the first argument only
    const echoed = await new Promise((resolve, reject) => socket.timeout(5000).emit(
      "echo", 1, "two", { three: Buffer.from([3]), list: [Buffer.from([4, 5]), 6.5] }, Buffer.from([7]), null, true,
      (err, ...args) => (err ? reject(err) : resolve(args))));
    out("echo", echoed);
    try {
      await socket.timeout(300).emitWithAck("never-acked");
      out("client-timeout missing");
    } catch (e) {
      out("client-timeout", e.message);
    }
    socket.emit("ask-me", 21);
    socket.emit("ignore-me");
    socket.emit("send-bin");
  },

  // The example every Socket.IO user knows: what one client sends, everyone gets.
  async hello() {
    const sockets = [connect(), connect()];
    sockets.forEach((socket, i) => socket.on("message", (...args) => out("got", i, args)));
    await Promise.all(sockets.map((s) => new Promise((resolve) => s.on("connect", resolve))));
    sockets[0].emit("message", "hello", { n: 1 }, Buffer.from([0xff]));
  },

  // The handshake as the server sees it, and the socket id on both sides.
  async handshake() {
    const socket = connect("/", { query: { room: "lobby" }, auth: { token: "t1" }, extraHeaders: { "x-app": "demo" } });
    socket.on("handshake", (details) => {
      out("handshake", details);
      out("same id", details.id === socket.id);
    });
  },

  // Namespaces: a dynamic one, a refusing middleware, an unknown one.
  async namespaces() {
    const dyn = connect("/dyn-7");
    dyn.on("welcome", (name) => out("welcome", name));
    const refused = connect("/private", { auth: { token: "wrong" } });
    refused.on("connect_error", (err) => out("connect_error", err.message, err.data));
    const allowed = connect("/private", { auth: { token: "secret" } });
    allowed.on("connect", () => out("private connected"));
    const unknown = connect("/nowhere");
    unknown.on("connect_error", (err) => out("unknown", err.message));
  },

  // Rooms, except, broadcast from a socket, volatile: three clients named by the server's "name" answers.
  async rooms() {
    const names = ["a", "b", "c"];
    const sockets = names.map((name) => connect("/", { auth: { name } }));
    sockets.forEach((socket, i) => {
      socket.onAny((event, ...args) => {
        if (!event.startsWith("poll")) out(names[i], event, args);
      });
      socket.on("poll", (ack) => ack(names[i]));
      socket.on("poll-some", (ack) => (names[i] === "a" ? ack("only a") : undefined));
    });
    await Promise.all(sockets.map((s) => new Promise((resolve) => s.on("connect", resolve))));
    out("all connected");
    process.stdin.on("data", () => {}); // wait: the test drives the server
  },

  // Disconnection reasons seen by the client and the server, and reconnection after a transport close.
  async disconnect() {
    const socket = io(url, { transports, reconnectionDelay: 100, reconnectionDelayMax: 200 });
    let connects = 0;
    socket.on("connect", () => {
      connects++;
      out("connect", connects);
      if (connects === 1) {
        socket.emit("drop-my-transport");
      } else if (connects === 2) {
        socket.emit("kick-me");
      }
    });
    socket.on("disconnect", (reason) => {
      out("disconnect", reason);
      if (reason === "io server disconnect") {
        const other = connect("/", {});
        other.on("connect", () => other.disconnect());
        other.on("disconnect", (r) => out("other disconnect", r));
      }
    });
  },

  // A handler that blocks 2 s on one socket: this socket's heartbeat and another socket's events keep flowing.
  async blocking() {
    const slow = connect();
    const fast = connect();
    await Promise.all([slow, fast].map((s) => new Promise((resolve) => s.on("connect", resolve))));
    slow.on("disconnect", (reason) => out("slow disconnect", reason));
    slow.emitWithAck("block", 2000).then(() => out("slow acked"));
    slow.emitWithAck("after-block").then(() => out("slow after-block acked"));
    for (let i = 0; i < 5; i++) {
      await fast.emitWithAck("quick", i);
      out("fast acked", i);
    }
  },
};

scenarios[scenario]().catch((e) => {
  out("error", e.message);
  process.exit(1);
});
