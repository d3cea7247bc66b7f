// The cases of the official socket.io-protocol test-suite (its Engine.IO part under /socket.io/, then its Socket.IO
// part), replayed with raw HTTP requests and a raw WebSocket against the conformance example.
// Prints "ok <case>" or "fail <case>: <why>" per case, then "done".
// Usage: node protocol-cases.js <ws url of the server, e.g. ws://127.0.0.1:3000>
const WebSocket = require("ws");

const wsRoot = process.argv[2] + "/socket.io/?EIO=4";
const base = wsRoot + "&transport=websocket";
const httpRoot = process.argv[2].replace(/^ws/, "http") + "/socket.io/?EIO=4";
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A WebSocket whose messages are queued, so that frames arriving together are never missed.
function open(url = base) {
  const ws = new WebSocket(url);
  ws.binaryType = "arraybuffer";
  const queue = [];
  const waiting = [];
  let closed = false;
  const closeWaiters = [];
  ws.on("message", (data, isBinary) => {
    const value = isBinary ? Buffer.from(data) : data.toString();
    if (waiting.length) waiting.shift()(value);
    else queue.push(value);
  });
  ws.on("close", () => {
    closed = true;
    closeWaiters.forEach((f) => f());
  });
  ws.on("error", () => {});
  return {
    opened: () => new Promise((resolve) => (ws.readyState === 1 ? resolve() : ws.on("open", resolve))),
    send: (data) => ws.send(data),
    next: (skipPings = true) => new Promise(function take(resolve, reject) {
      const timer = setTimeout(() => reject(new Error("no message")), 3000);
      const got = (value) => {
        if (skipPings && value === "2") {
          ws.send("3");
          waiting.unshift(got);
          return;
        }
        clearTimeout(timer);
        resolve(value);
      };
      if (queue.length) got(queue.shift());
      else waiting.push(got);
    }),
    closed: () => new Promise((resolve, reject) => {
      if (closed) return resolve();
      const timer = setTimeout(() => reject(new Error("not closed")), 3000);
      closeWaiters.push(() => { clearTimeout(timer); resolve(); });
    }),
    close: () => ws.close(),
  };
}

function expect(actual, expected) {
  const a = Buffer.isBuffer(actual) ? "bin:" + actual.toString("hex") : actual;
  if (a !== expected) throw new Error(`expected ${expected} but got ${a}`);
}

async function connected() {
  const ws = open();
  await ws.next(); // Engine.IO handshake
  ws.send("40");
  await ws.next(); // CONNECT answer
  await ws.next(); // "auth" event
  return ws;
}

async function pollingSession() {
  const response = await fetch(httpRoot + "&transport=polling");
  return JSON.parse((await response.text()).substring(1)).sid;
}

function expectHandshake(text, upgrades) {
  if (!text.startsWith("0")) throw new Error("not an OPEN packet: " + text);
  const h = JSON.parse(text.substring(1));
  const keys = Object.keys(h).sort().join(",");
  expect(keys, "maxPayload,pingInterval,pingTimeout,sid,upgrades");
  expect(typeof h.sid, "string");
  expect(JSON.stringify(h.upgrades), JSON.stringify(upgrades));
  expect(h.pingInterval + "/" + h.pingTimeout + "/" + h.maxPayload, "300/200/1000000");
}

const engineCases = {
  "polling: open a session": async () => {
    const response = await fetch(httpRoot + "&transport=polling");
    expect(response.status, 200);
    expectHandshake(await response.text(), ["websocket"]);
  },
  "polling: invalid EIO": async () => {
    expect((await fetch(httpRoot.replace("EIO=4", "") + "&transport=polling")).status, 400);
    expect((await fetch(httpRoot.replace("EIO=4", "EIO=abc") + "&transport=polling")).status, 400);
  },
  "polling: invalid transport": async () => {
    expect((await fetch(httpRoot)).status, 400);
    expect((await fetch(httpRoot + "&transport=abc")).status, 400);
  },
  "polling: invalid method": async () => {
    expect((await fetch(httpRoot + "&transport=polling", { method: "post" })).status, 400);
    expect((await fetch(httpRoot + "&transport=polling", { method: "put" })).status, 400);
  },
  "websocket: open a session": async () => {
    const ws = open(wsRoot + "&transport=websocket");
    expectHandshake(await ws.next(), []);
    ws.close();
  },
  "websocket: invalid EIO": async () => {
    await open(wsRoot.replace("EIO=4", "") + "&transport=websocket").closed();
    await open(wsRoot.replace("EIO=4", "EIO=abc") + "&transport=websocket").closed();
  },
  "websocket: invalid transport": async () => {
    await open(wsRoot).closed();
    await open(wsRoot + "&transport=abc").closed();
  },
  "polling: ping/pong": async () => {
    const sid = await pollingSession();
    for (let i = 0; i < 3; i++) {
      const poll = await fetch(httpRoot + "&transport=polling&sid=" + sid);
      expect(poll.status, 200);
      expect(await poll.text(), "2");
      expect((await fetch(httpRoot + "&transport=polling&sid=" + sid, { method: "post", body: "3" })).status, 200);
    }
  },
  "polling: ping timeout": async () => {
    const sid = await pollingSession();
    await sleep(300 + 200 + 100);
    expect((await fetch(httpRoot + "&transport=polling&sid=" + sid)).status, 400);
  },
  "websocket: ping/pong": async () => {
    const ws = open();
    await ws.next();
    for (let i = 0; i < 3; i++) {
      expect(await ws.next(false), "2");
      ws.send("3");
    }
    ws.close();
  },
  "websocket: ping timeout": async () => {
    const ws = open();
    await ws.next();
    await ws.closed();
  },
  "polling: forced close": async () => {
    const sid = await pollingSession();
    const [answer] = await Promise.all([
      fetch(httpRoot + "&transport=polling&sid=" + sid),
      fetch(httpRoot + "&transport=polling&sid=" + sid, { method: "post", body: "1" }),
    ]);
    expect(answer.status, 200);
    expect(await answer.text(), "6");
    expect((await fetch(httpRoot + "&transport=polling&sid=" + sid)).status, 400);
  },
  "websocket: forced close": async () => {
    const ws = open();
    await ws.next();
    ws.send("1");
    await ws.closed();
  },
  "upgrade from polling to websocket": async () => {
    const sid = await pollingSession();
    const ws = open(wsRoot + "&transport=websocket&sid=" + sid);
    await ws.opened();
    ws.send("2probe");
    expect(await ws.next(false), "3probe");
    ws.send("5");
    ws.close();
  },
  "polling refused after the upgrade": async () => {
    const sid = await pollingSession();
    const ws = open(wsRoot + "&transport=websocket&sid=" + sid);
    await ws.opened();
    ws.send("2probe");
    expect(await ws.next(false), "3probe");
    ws.send("5");
    expect((await fetch(httpRoot + "&transport=polling&sid=" + sid)).status, 400);
    ws.close();
  },
  "second websocket refused after the upgrade": async () => {
    const sid = await pollingSession();
    const ws = open(wsRoot + "&transport=websocket&sid=" + sid);
    await ws.opened();
    ws.send("2probe");
    expect(await ws.next(false), "3probe");
    ws.send("5");
    await open(wsRoot + "&transport=websocket&sid=" + sid).closed();
    ws.close();
  },
};

const cases = {
  ...engineCases,
  "connect to the main namespace": async () => {
    const ws = open();
    const handshake = JSON.parse((await ws.next()).substring(1));
    expect(handshake.pingInterval + "/" + handshake.pingTimeout + "/" + handshake.maxPayload, "300/200/1000000");
    ws.send("40");
    const answer = await ws.next();
    if (!/^40\{"sid":"[^"]+"\}$/.test(answer)) throw new Error("bad CONNECT answer " + answer);
    expect(await ws.next(), '42["auth",{}]');
    ws.close();
  },
  "connect to the main namespace with a payload": async () => {
    const ws = open();
    await ws.next();
    ws.send('40{"token":"123"}');
    if (!(await ws.next()).startsWith('40{"sid":')) throw new Error("no CONNECT answer");
    expect(await ws.next(), '42["auth",{"token":"123"}]');
    ws.close();
  },
  "connect to a custom namespace": async () => {
    const ws = open();
    await ws.next();
    ws.send("40/custom,");
    if (!(await ws.next()).startsWith('40/custom,{"sid":')) throw new Error("no CONNECT answer");
    expect(await ws.next(), '42/custom,["auth",{}]');
    ws.close();
  },
  "connect to a custom namespace with a payload": async () => {
    const ws = open();
    await ws.next();
    ws.send('40/custom,{"token":"abc"}');
    if (!(await ws.next()).startsWith('40/custom,{"sid":')) throw new Error("no CONNECT answer");
    expect(await ws.next(), '42/custom,["auth",{"token":"abc"}]');
    ws.close();
  },
  "refuse an unknown namespace": async () => {
    const ws = open();
    await ws.next();
    ws.send("40/random");
    expect(await ws.next(), '44/random,{"message":"Invalid namespace"}');
    ws.close();
  },
  "close on an invalid handshake": async () => {
    const ws = open();
    await ws.next();
    ws.send("4abc");
    await ws.closed();
  },
  "close when no handshake comes": async () => {
    const ws = open();
    await ws.next();
    await ws.closed();
  },
  "disconnect from the main namespace": async () => {
    const ws = await connected();
    ws.send("41");
    expect(await ws.next(false), "2"); // still connected: the heartbeat goes on
    ws.close();
  },
  "connect then disconnect from a custom namespace": async () => {
    const ws = await connected();
    ws.send("40/custom");
    await ws.next();
    await ws.next();
    ws.send("41/custom");
    ws.send('42["message","message to main namespace"]');
    expect(await ws.next(), '42["message-back","message to main namespace"]');
    ws.close();
  },
  "plain-text packet": async () => {
    const ws = await connected();
    ws.send('42["message",1,"2",{"3":[true]}]');
    expect(await ws.next(), '42["message-back",1,"2",{"3":[true]}]');
    ws.close();
  },
  "packet with binary attachments": async () => {
    const ws = await connected();
    ws.send('452-["message",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]');
    ws.send(Uint8Array.from([1, 2, 3]));
    ws.send(Uint8Array.from([4, 5, 6]));
    expect(await ws.next(), '452-["message-back",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]');
    expect(await ws.next(), "bin:010203");
    expect(await ws.next(), "bin:040506");
    ws.close();
  },
  "plain-text packet with an ack": async () => {
    const ws = await connected();
    ws.send('42456["message-with-ack",1,"2",{"3":[false]}]');
    expect(await ws.next(), '43456[1,"2",{"3":[false]}]');
    ws.close();
  },
  "packet with binary attachments and an ack": async () => {
    const ws = await connected();
    ws.send('452-789["message-with-ack",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]');
    ws.send(Uint8Array.from([1, 2, 3]));
    ws.send(Uint8Array.from([4, 5, 6]));
    expect(await ws.next(), '462-789[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]');
    expect(await ws.next(), "bin:010203");
    expect(await ws.next(), "bin:040506");
    ws.close();
  },
  "close on an unknown packet type": async () => {
    const ws = await connected();
    ws.send("4abc");
    await ws.closed();
  },
  "close on an invalid payload format": async () => {
    const ws = await connected();
    ws.send("42{}");
    await ws.closed();
  },
  "close on an invalid ack id": async () => {
    const ws = await connected();
    ws.send('42abc["message-with-ack",1,"2",{"3":[false]}]');
    await ws.closed();
  },
};

(async () => {
  for (const [name, run] of Object.entries(cases)) {
    try {
      await run();
      console.log("ok " + name);
    } catch (e) {
      console.log("fail " + name + ": " + e.message);
    }
  }
  console.log("done");
  process.exit(0);
})();
