// Build step of sio4j-server (run by exec-maven-plugin at generate-resources): brings in the official browser
// client, the dist/ folder of the npm package socket.io-client, and precompresses each file once, so that the
// server never compresses per request. Nothing it writes is committed; it all lives under target/.
//
// usage: node client-dist.js <version> <workDir> <outDir>
//   workDir: scratch folder for the packed tarball (target/client-dist-build)
//   outDir:  the class-path folder the handler reads (target/classes/.../clientfiles/dist)
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const [version, workDir, outDir] = process.argv.slice(2);
if (!version || !workDir || !outDir) {
  console.error("usage: node client-dist.js <version> <workDir> <outDir>");
  process.exit(2);
}

// The files the reference server answers under its path (packages/socket.io/lib/index.ts, CLIENT_FILES).
const FILES = [
  "socket.io.js",
  "socket.io.js.map",
  "socket.io.min.js",
  "socket.io.min.js.map",
  "socket.io.esm.min.js",
  "socket.io.esm.min.js.map",
  "socket.io.msgpack.min.js",
  "socket.io.msgpack.min.js.map",
];

const stamp = path.join(outDir, "VERSION");
if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === version
    && FILES.every((f) => fs.existsSync(path.join(outDir, f + ".br")))) {
  process.exit(0); // already built for this version
}

fs.mkdirSync(workDir, { recursive: true });
const tarball = `socket.io-client-${version}.tgz`;
if (!fs.existsSync(path.join(workDir, tarball))) {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  execFileSync(npm, ["pack", `socket.io-client@${version}`, "--silent", "--no-audit", "--no-fund"],
    { cwd: workDir, stdio: ["ignore", "ignore", "inherit"], shell: process.platform === "win32" });
}
fs.rmSync(path.join(workDir, "package"), { recursive: true, force: true });
execFileSync("tar", ["xzf", tarball], { cwd: workDir, stdio: "inherit" });

const pkg = JSON.parse(fs.readFileSync(path.join(workDir, "package", "package.json"), "utf8"));
if (pkg.version !== version) {
  console.error(`expected socket.io-client ${version}, the tarball holds ${pkg.version}`);
  process.exit(1);
}

fs.mkdirSync(outDir, { recursive: true });
for (const name of FILES) {
  const data = fs.readFileSync(path.join(workDir, "package", "dist", name));
  fs.writeFileSync(path.join(outDir, name), data);
  fs.writeFileSync(path.join(outDir, name + ".gz"), zlib.gzipSync(data, { level: 9 }));
  // "deflate" in HTTP is the zlib format (RFC 9110 §8.4.1.2), which is what zlib.deflateSync writes.
  fs.writeFileSync(path.join(outDir, name + ".deflate"), zlib.deflateSync(data, { level: 9 }));
  fs.writeFileSync(path.join(outDir, name + ".br"), zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  }));
}
// Written last: its presence marks a complete output.
fs.writeFileSync(stamp, version + "\n");
