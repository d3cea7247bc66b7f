// How the cluster scripts print what their clients and servers observe: one line per observation, values as JSON,
// binary as "bin:<hex>" (a long one as its length and ends, a long string as its length, so a line stays readable);
// and how they take their commands from the test, one per line on stdin.
"use strict";

function show(value) {
  if (value instanceof ArrayBuffer) value = new Uint8Array(value);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    const hex = Buffer.from(value).toString("hex");
    return hex.length > 16 ? `bin(${value.length}):${hex.slice(0, 4)}..${hex.slice(-4)}` : "bin:" + hex;
  }
  if (typeof value === "string" && value.length > 64) return `str(${value.length})`;
  if (Array.isArray(value)) return value.map(show);
  if (value && typeof value === "object") {
    const shown = {};
    for (const key of Object.keys(value)) shown[key] = show(value[key]);
    return shown;
  }
  return value;
}

const out = (...parts) =>
  console.log(parts.map((p) => (typeof p === "string" ? p : JSON.stringify(show(p)))).join(" "));

// The names (data.name) of sockets, sorted and joined by commas.
const names = (sockets) => sockets.map((s) => s.data.name).sort().join(",");

// Hands each line of stdin, "<command> <args...>", to handle(command, args); "exit" ends the process. A command that
// throws prints "error <command> <message>", so that the test sees it rather than waiting for a line in vain.
function onCommands(handle) {
  require("readline").createInterface({ input: process.stdin }).on("line", async (line) => {
    const [command, ...args] = line.split(" ");
    if (command === "exit") process.exit(0);
    try {
      await handle(command, args);
    } catch (e) {
      out("error", command, String(e));
    }
  });
}

// Runs the script's async main: a failure prints "failed <stack>" and ends the process.
function run(main) {
  main().catch((e) => {
    out("failed", String(e && e.stack));
    process.exit(1);
  });
}

module.exports = { show, out, names, onCommands, run };
