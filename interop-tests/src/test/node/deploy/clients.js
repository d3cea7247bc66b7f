// Official socket.io-client clients through a load balancer. Each connects, waits for its upgrade when it may
// upgrade, asks "whoami" a few times (each a round trip through the balancer: with long-polling, a POST and a GET that
// must reach the node holding the session) and prints one line: "client <i> <json>" with the nodes that answered, the
// transport and the address the server saw. Then "done".
// Usage: node clients.js <url> <count> <transports, e.g. polling,websocket> <withCredentials: true|false> <rounds>
const { io } = require("socket.io-client");

const [, , url, count, transports, withCredentials, rounds] = process.argv;

async function run(i) {
  const socket = io(url, { transports: transports.split(","), withCredentials: withCredentials === "true",
    reconnection: false, forceNew: true, timeout: 10000 });
  try {
    await new Promise((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    if (transports.includes("websocket") && socket.io.engine.transport.name !== "websocket") {
      await new Promise((resolve) => socket.io.engine.once("upgrade", resolve));
    }
    const nodes = [];
    let address;
    for (let r = 0; r < Number(rounds); r++) {
      const who = await socket.timeout(10000).emitWithAck("whoami");
      nodes.push(who.node);
      address = who.address;
    }
    console.log("client", i, JSON.stringify({ nodes, transport: socket.io.engine.transport.name, address }));
  } catch (e) {
    console.log("client", i, JSON.stringify({ error: String(e && e.message ? e.message : e) }));
  } finally {
    socket.disconnect();
  }
}

Promise.all(Array.from({ length: Number(count) }, (_, i) => run(i))).then(() => console.log("done"));
