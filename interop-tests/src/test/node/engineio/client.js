// An official engine.io-client peer driven line by line.
// Usage: node client.js <url> <transports, comma-separated> [upgrade: true|false]
// Prints: "open <sid> <transport>", "extensions <negotiated>" (WebSocket), "upgrade <transport>", "message <text>", "binary <hex>", "close <reason>".
// Reads commands on stdin: "send <text>", "sendbin <hex>", "stoppong", "close".
const { Socket } = require("engine.io-client");
const readline = require("readline");

const [url, transports, upgrade] = process.argv.slice(2);
const socket = new Socket(url, {
  transports: transports.split(","),
  upgrade: upgrade !== "false",
});

socket.on("open", () => {
  console.log(`open ${socket.id} ${socket.transport.name}`);
  if (socket.transport.ws) {
    // the extensions the server accepted (ws: "permessage-deflate; ..." or "")
    console.log(`extensions ${socket.transport.ws.extensions}`);
  }
});
socket.on("upgrade", (transport) => console.log(`upgrade ${transport.name}`));
socket.on("message", (data) => {
  if (typeof data === "string") {
    console.log(`message ${data}`);
  } else {
    console.log(`binary ${Buffer.from(data).toString("hex")}`);
  }
});
socket.on("close", (reason) => {
  console.log(`close ${reason}`);
  setTimeout(() => process.exit(0), 50);
});
socket.on("error", (err) => console.error(`error ${err && err.message}`));

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const space = line.indexOf(" ");
  const command = space < 0 ? line : line.substring(0, space);
  const arg = space < 0 ? "" : line.substring(space + 1);
  if (command === "send") {
    socket.send(arg);
  } else if (command === "sendbin") {
    socket.send(Buffer.from(arg, "hex"));
  } else if (command === "stoppong") {
    // a client whose heartbeat answers stop: drop every PONG it would send
    const original = socket._sendPacket.bind(socket);
    socket._sendPacket = (type, ...rest) => (type === "pong" ? undefined : original(type, ...rest));
    console.log("pong stopped");
  } else if (command === "close") {
    socket.close();
  }
});
