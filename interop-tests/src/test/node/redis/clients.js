// Official socket.io-client clients on given servers, nothing else. Prints one line per event (acknowledging with the
// client's name) and per disconnection; "ready" once all are connected.
// Usage: node clients.js <name>=<url>@<room>...
const { io: connect } = require("socket.io-client");

const show = (value) => {
  if (value instanceof ArrayBuffer) value = new Uint8Array(value);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return "bin:" + Buffer.from(value).toString("hex");
  if (Array.isArray(value)) return value.map(show);
  return value;
};

const clients = process.argv.slice(2).map((spec) => {
  const [name, rest] = spec.split("=");
  const [url, room] = rest.split("@");
  const socket = connect(url, { auth: { name, room }, transports: ["websocket"], reconnection: false });
  socket.onAny((event, ...args) => {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args.pop();
      last(name);
    }
    console.log(name, event, JSON.stringify(show(args)));
  });
  socket.on("disconnect", (reason) => console.log(name, "disconnected", reason));
  return new Promise((resolve) => socket.on("connect", resolve));
});
Promise.all(clients).then(() => console.log("ready"));
