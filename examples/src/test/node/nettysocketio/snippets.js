// Drives the server of MigrationSnippets (options, listeners, namespace) with the official Node client; prints one
// line per observation. usage: node snippets.js <url>
const { io } = require("socket.io-client");
const [url] = process.argv.slice(2);
const out = (line) => console.log(line);
const connect = (nsp, options) => io(url + nsp, { reconnection: false, forceNew: true, ...options });
const outcome = (socket) => new Promise((resolve) => {
  socket.once("connect", () => resolve({ socket }));
  socket.once("connect_error", (error) => resolve({ error }));
});

(async () => {
  const polling = await outcome(connect("/", { transports: ["polling"], query: { key: "s3cret" } }));
  out("polling " + (polling.error ? "refused" : "connected"));
  const noKey = await outcome(connect("/", { transports: ["websocket"] }));
  out("without-key " + (noKey.error ? "refused" : "connected"));

  const { socket: ada } = await outcome(connect("/", { transports: ["websocket"], query: { key: "s3cret" } }));
  const { socket: bob } = await outcome(connect("/", { transports: ["websocket"], query: { key: "s3cret" } }));
  const seen = new Promise((resolve) => bob.once("chatevent", (chat) => resolve(chat)));
  const ack = await ada.timeout(5000).emitWithAck("chatevent", { userName: "ada", message: "hi" });
  const chat = await seen;
  out("chatevent ack " + ack + ", bob got " + chat.userName + ": " + chat.message);

  const moved = new Promise((resolve) => bob.once("moved", (id, x, y) => resolve([id, x, y])));
  ada.on("moved", () => out("ada got her own move"));
  try {
    await ada.timeout(1000).emitWithAck("move", 3, 4);
    out("move acknowledged");
  } catch (error) {
    out("move not acknowledged");
  }
  const [id, x, y] = await moved;
  out("bob got moved " + (id === ada.id) + " " + x + " " + y);

  const refused = await outcome(connect("/chat", { transports: ["websocket"], query: { key: "s3cret" } }));
  out("chat-without-token " + refused.error.message + " " + refused.error.data.reason);
  const admitted = await outcome(connect("/chat", {
    transports: ["websocket"], query: { key: "s3cret" }, auth: { token: "t" } }));
  out("chat-with-token " + (admitted.socket ? "connected" : admitted.error.message));
  out("done");
  process.exit(0);
})().catch((err) => {
  out("error " + err.message);
  process.exit(1);
});
