// The official socket.io-client against the Spring Boot test application (TestApplication.java).
// Usage: node client.js <scenario> <url> <polling|websocket|upgrade> [extra header "Name: value"]
// Prints one line per observation; the Java test waits for the lines it expects.
const { io } = require("socket.io-client");

const [scenario, url, mode, header] = process.argv.slice(2);
const extraHeaders = {};
if (header) {
  const i = header.indexOf(":");
  extraHeaders[header.slice(0, i).trim()] = header.slice(i + 1).trim();
}

function connect(path, auth) {
  const options = { auth, extraHeaders, reconnection: false, forceNew: true, timeout: 5000 };
  if (mode === "polling") options.transports = ["polling"];
  if (mode === "websocket") options.transports = ["websocket"];
  return io(url + path, options);
}

function print(...parts) {
  console.log(parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(" "));
}

const timeoutMs = 5000;

// Resolves on "connect"; a connect_error fails the scenario with its message instead of leaving it waiting.
function connected(socket) {
  return new Promise((resolve, reject) => {
    socket.on("connect", resolve);
    socket.on("connect_error", (e) => reject(new Error("connect_error on " + socket.nsp + ": " + e.message)));
  });
}

async function events() {
  const socket = connect("/", { token: "good" });
  // The transport the session opened on: with an upgrade, it may be over before "connect" is seen.
  let opened = null;
  socket.io.once("open", () => (opened = socket.io.engine.transport.name));
  const welcome = new Promise((resolve) => socket.on("welcome", resolve));
  await connected(socket);
  print("connected", opened);
  print("welcome", await welcome);
  if (mode === "upgrade") {
    if (socket.io.engine.transport.name !== "websocket") {
      await new Promise((resolve) => socket.io.engine.once("upgrade", resolve));
    }
    print("upgraded", socket.io.engine.transport.name);
  }
  const ack = (...args) => socket.timeout(timeoutMs).emitWithAck(...args);
  print("chat-ack", await ack("chat", { from: "ada", text: "hello" }));
  print("list-ack", await ack("list", [{ from: "a", text: "x" }, { from: "b", text: "yy" }]));
  const bytes = await ack("binary", Buffer.from([1, 2, 3, 250]));
  print("binary-ack", Buffer.isBuffer(bytes), [...bytes]);
  print("future-ack", await ack("future", 20));
  print("param-ack", await ack("param-ack", "x"));
  print("whoami", await ack("whoami"));
  print("bad-payload", await socket.timeout(500).emitWithAck("chat", "not an object").catch((e) => "no ack: " + e.message));

  // Rooms: a second client joins a room; this one talks to it.
  const other = connect("/", { token: "good" });
  const got = new Promise((resolve) => other.on("room-message", resolve));
  await connected(other);
  print("join-ack", await other.timeout(timeoutMs).emitWithAck("join", "lobby"));
  await ack("to-room", "lobby", "hi room");
  print("room-message", await got);
  other.close();

  const admin = connect("/admin", { token: "good" });
  await connected(admin);
  print("admin-ack", await admin.timeout(timeoutMs).emitWithAck("status"));
  admin.close();
  socket.close();
  print("done");
}

async function refused() {
  const socket = connect("/", { token: "bad" });
  const err = await new Promise((resolve) => {
    socket.on("connect", () => resolve(new Error("connected")));
    socket.on("connect_error", resolve);
  });
  print("connect_error", err.message, err.data || null);
  socket.close();
  print("done");
}

// Connects, then prints why it was disconnected (the test closes the application).
async function stay() {
  const socket = connect("/", { token: "good" });
  await connected(socket);
  print("connected", socket.io.engine.transport.name);
  const reason = await new Promise((resolve) => socket.on("disconnect", resolve));
  print("disconnected", reason);
  print("done");
}

({ events, refused, stay })[scenario]().catch((e) => {
  print("failed", String(e && e.stack || e));
  process.exit(1);
});
