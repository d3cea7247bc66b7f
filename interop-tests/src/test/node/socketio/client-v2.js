// Scenarios run by the official socket.io-client 2.x (Engine.IO v3, Socket.IO protocol revision 4) against a sio4j
// server started with allowEIO3; each prints one line per observation.
// Usage: node client-v2.js <scenario> <url> [polling|websocket|upgrade]
const io = require("socket.io-client-v2");

const [, , scenario, url, transport] = process.argv;
// "upgrade": starts on long-polling and upgrades to WebSocket, as a default client does
const transports = transport === "upgrade" || !transport ? ["polling", "websocket"] : [transport];

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

function connected(socket) {
  return new Promise((resolve) => socket.on("connect", resolve));
}

// the transport a connected socket ends up on: after the upgrade when one is expected
function settledTransport(socket) {
  const engine = socket.io.engine;
  if (transport !== "upgrade" || engine.transport.name === "websocket") {
    return Promise.resolve(engine.transport.name);
  }
  return new Promise((resolve) => engine.once("upgrade", (t) => resolve(t.name)));
}

const scenarios = {
  // Mixed JSON and binary both ways, acks both ways, the socket id and handshake the server sees.
  async events() {
    const socket = connect("/", { query: { room: "lobby" } });
    socket.on("question", (n, ack) => ack({ answer: n * 2 }, Buffer.from([0xca, 0xfe])));
    socket.on("answer-was", (...args) => out("answer-was", args));
    socket.on("bin", (...args) => out("bin", args));
    socket.on("handshake", (details) => {
      out("handshake", details.query, details.auth, details.recovered);
      out("same id", details.id === socket.id);
    });
    await connected(socket);
    out("connected", await settledTransport(socket));
    const echoed = await new Promise((resolve) => socket.emit(
      "echo", 1, "two", { three: Buffer.from([3]), list: [Buffer.from([4, 5]), 6.5] }, Buffer.from([7]), null, true,
      (...args) => resolve(args)));
    out("echo", echoed);
    socket.emit("ask-me", 21);
    socket.emit("send-bin");
    socket.emit("handshake-please");
  },

  // Namespaces: auth as the namespace's query, a refusing middleware, an unknown namespace.
  async namespaces() {
    const main = connect("/");
    await connected(main);
    // the namespaces share the main socket's connection (the Manager), each sends its own CONNECT
    const dyn = main.io.socket("/dyn-7", { query: "token=secret&x=a%20b" });
    dyn.on("welcome", (name, auth) => out("welcome", name, auth));
    dyn.on("connect", () => out("dyn connected", dyn.id));
    const refused = main.io.socket("/private", { query: { token: "wrong" } });
    refused.on("error", (err) => out("refused", err));
    const data = main.io.socket("/private-data", { query: { token: "wrong" } });
    data.on("error", (err) => out("refused with data", err));
    const unknown = main.io.socket("/nowhere");
    unknown.on("error", (err) => out("unknown", err));
  },

  // One client in the room the test names on the standard input, waiting for the broadcast.
  async room() {
    const socket = connect("/", { query: { name: "v2" } });
    socket.on("news", (...args) => out("v2 news", args));
    socket.on("end", () => out("v2 end"));
    await connected(socket);
    out("v2 connected", await settledTransport(socket));
  },

  // Reconnection after the server went away and came back on the same port.
  async reconnect() {
    const socket = io(url, { transports, reconnectionDelay: 100, reconnectionDelayMax: 200, forceNew: true });
    let connects = 0;
    socket.on("connect", () => {
      connects++;
      out("connect", connects);
      socket.emit("hello", connects, (reply) => out("reply", reply));
    });
    socket.on("disconnect", (reason) => out("disconnect", reason));
  },

  // A server without allowEIO3: the handshake is refused.
  async refused() {
    const socket = connect("/");
    socket.on("connect", () => out("connected"));
    socket.on("connect_error", (err) => {
      out("connect_error", err.message, err.description);
      socket.close();
    });
  },
};

scenarios[scenario]().catch((e) => {
  out("error", e.message);
  process.exit(1);
});
