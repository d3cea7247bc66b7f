// How the cluster scripts print what their clients and servers observe: one line per observation, values as JSON,
// binary as "bin:<hex>" (a long one as its length and ends, a long string as its length, so a line stays readable).
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

module.exports = { show, out };
