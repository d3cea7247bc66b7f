// Build step of sio4j-admin (run by exec-maven-plugin at generate-resources): brings in the official Admin UI, the
// ui/dist/ folder of the npm package @socket.io/admin-ui, without its source maps, so that sio4j serves it from the
// class path. Nothing it writes is committed; it all lives under target/.
//
// usage: node admin-ui-dist.js <version> <workDir> <outDir>
//   workDir: scratch folder for the packed tarball (target/admin-ui-build)
//   outDir:  the class-path folder the handler reads (target/classes/dev/sio4j/admin/ui)
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const [version, workDir, outDir] = process.argv.slice(2);
if (!version || !workDir || !outDir) {
  console.error("usage: node admin-ui-dist.js <version> <workDir> <outDir>");
  process.exit(2);
}

const stamp = path.join(outDir, "VERSION");
if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === version
    && fs.existsSync(path.join(outDir, "index.html"))) {
  process.exit(0); // already built for this version
}

fs.mkdirSync(workDir, { recursive: true });
const tarball = `socket.io-admin-ui-${version}.tgz`;
if (!fs.existsSync(path.join(workDir, tarball))) {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  execFileSync(npm, ["pack", `@socket.io/admin-ui@${version}`, "--silent", "--no-audit", "--no-fund"],
    { cwd: workDir, stdio: ["ignore", "ignore", "inherit"], shell: process.platform === "win32" });
}
fs.rmSync(path.join(workDir, "package"), { recursive: true, force: true });
execFileSync("tar", ["xzf", tarball], { cwd: workDir, stdio: "inherit" });

const pkg = JSON.parse(fs.readFileSync(path.join(workDir, "package", "package.json"), "utf8"));
if (pkg.version !== version) {
  console.error(`expected @socket.io/admin-ui ${version}, the tarball holds ${pkg.version}`);
  process.exit(1);
}

const dist = path.join(workDir, "package", "ui", "dist");
fs.rmSync(outDir, { recursive: true, force: true });
const files = [];
(function copy(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const from = path.join(dir, entry.name);
    const rel = path.relative(dist, from);
    if (entry.isDirectory()) {
      copy(from);
    } else if (!entry.name.endsWith(".map")) {
      fs.mkdirSync(path.join(outDir, path.dirname(rel)), { recursive: true });
      fs.copyFileSync(from, path.join(outDir, rel));
      files.push(rel.split(path.sep).join("/"));
    }
  }
})(dist);
// the handler serves exactly the files listed here
fs.writeFileSync(path.join(outDir, "FILES"), files.sort().join("\n") + "\n");
fs.writeFileSync(stamp, version + "\n");
