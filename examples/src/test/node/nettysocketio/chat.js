// Two official clients in netty-socketio's demo chat ported to sio4j: alice over WebSocket, bob over long-polling.
// Prints "ready" once both joined, then one line per chatevent each receives; alice sends one when told on stdin.
// usage: node chat.js <url>
const { io } = require("socket.io-client");
const readline = require("readline");
const [url] = process.argv.slice(2);

const connect = (name, transports) => {
  const socket = io(url, { transports, reconnection: false, forceNew: true });
  socket.on("chatevent", (chat) => console.log(`${name} got ${chat.userName}: ${chat.message}`));
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
};

(async () => {
  const alice = await connect("alice", ["websocket"]);
  await connect("bob", ["polling"]);
  console.log("ready");
  readline.createInterface({ input: process.stdin }).on("line", (message) => {
    alice.emit("chatevent", { userName: "alice", message });
  });
})().catch((err) => {
  console.log("error " + err.message);
  process.exit(1);
});
