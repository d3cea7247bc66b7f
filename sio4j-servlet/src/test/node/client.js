// The official socket.io-client against a server in a Servlet container.
// Usage: node client.js URL MODE   (MODE: polling | websocket | upgrade)
// Prints: "connected <transport>", "ack <json>", "echo <json> bin:<hex>", "upgraded <transport>", then "done".
const { io } = require("socket.io-client");

const [url, mode] = process.argv.slice(2);
const transports = mode === "polling" ? ["polling"] : mode === "websocket" ? ["websocket"] : ["polling", "websocket"];
const socket = io(url, { transports, upgrade: mode === "upgrade", reconnection: false, timeout: 5000 });

function transportName() {
  return socket.io.engine.transport.name;
}

socket.on("connect_error", (err) => {
  console.log("connect_error " + err.message);
  process.exit(1);
});

socket.on("connect", async () => {
  console.log("connected " + transportName());
  if (mode === "upgrade") {
    // the upgrade may finish before the Socket.IO CONNECT arrives (the handshake is polling either way)
    if (transportName() !== "websocket") {
      await new Promise((resolve) => socket.io.engine.once("upgrade", resolve));
    }
    console.log("upgraded " + transportName());
  }
  socket.on("echo", (value, bytes) => {
    console.log("echo " + JSON.stringify(value) + " bin:" + Buffer.from(bytes).toString("hex"));
    socket.disconnect();
    console.log("done");
    process.exit(0);
  });
  const answer = await socket.timeout(5000).emitWithAck("hello", { n: 1 }, Buffer.from([1, 2, 255]));
  console.log("ack " + JSON.stringify(answer));
  socket.emit("ping-me", "x");
});
