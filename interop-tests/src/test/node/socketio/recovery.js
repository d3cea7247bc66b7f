// Connection state recovery seen by the official socket.io-client against a sio4j server.
// Usage: node recovery.js <url> <transport>. Prints "connect <recovered> <id>", "joined", "news <args>",
// "disconnect <reason>" and "whoami <json>". Reads commands on stdin: "drop" (the client closes its Engine.IO
// connection: a recoverable loss), "reconnect" (connects again, presenting its pid and last offset), "leave" (a
// deliberate disconnect, not recoverable).
const { io } = require("socket.io-client");
const readline = require("readline");

const [, , url, transport] = process.argv;
// No automatic reconnection: the test says when to come back, so the server's emits happen while the client is away.
const socket = io(url, { transports: [transport], reconnection: false });

function out(...parts) {
  console.log(parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(" "));
}

socket.on("connect", async () => {
  out("connect", String(socket.recovered), socket.id);
  if (!socket.recovered) {
    out(await socket.emitWithAck("join", "room1"));
  }
  out("whoami", await socket.emitWithAck("whoami"));
});
// With recovery on, the server appends the offset as the last argument (the reference client hands it to listeners
// too, and remembers it): printed apart.
socket.on("news", (...args) => {
  const offset = args.pop();
  out("news", args.map((a) => (Buffer.isBuffer(a) ? "bin:" + a.toString("hex") : a)),
    typeof offset === "string" ? "offset" : "no-offset");
});
socket.on("disconnect", (reason) => out("disconnect", reason));

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "drop") socket.io.engine.close();
  if (line === "reconnect") socket.connect();
  if (line === "leave") socket.disconnect();
});
