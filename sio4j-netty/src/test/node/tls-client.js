// The official engine.io-client over https/wss, trusting only the test's self-signed certificate.
// Usage: node tls-client.js <https url> <transports, comma-separated> <CA PEM path>
// Prints: "open <sid> <transport>", "upgrade <transport>", "message <text>", "binary <hex>", "close <reason>".
// Reads commands on stdin: "send <text>", "sendbin <hex>", "close".
const { Socket } = require("engine.io-client");
const fs = require("fs");
const readline = require("readline");

const [url, transports, caPath] = process.argv.slice(2);
const socket = new Socket(url, {
  transports: transports.split(","),
  ca: fs.readFileSync(caPath),
  rejectUnauthorized: true,
});

socket.on("open", () => console.log(`open ${socket.id} ${socket.transport.name}`));
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
socket.on("error", (err) => console.error(`error ${err && (err.message || err)} ${err && err.description}`));

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const space = line.indexOf(" ");
  const command = space < 0 ? line : line.substring(0, space);
  const arg = space < 0 ? "" : line.substring(space + 1);
  if (command === "send") {
    socket.send(arg);
  } else if (command === "sendbin") {
    socket.send(Buffer.from(arg, "hex"));
  } else if (command === "close") {
    socket.close();
  }
});
