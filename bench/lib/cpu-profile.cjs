// Preloaded into the bots under test when BENCH_CPU_PROFILE=<dir> is set
// (NODE_OPTIONS="--require …": node 20 refuses --cpu-prof in NODE_OPTIONS).
// Profiles the whole process and writes <dir>/<pid>.cpuprofile at exit, for
// Chrome DevTools or `node bench/lib/profile-top.mjs <file>`.
const inspector = require("node:inspector");
const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.BENCH_CPU_PROFILE;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 250 });
  session.post("Profiler.start");
  process.on("exit", () => {
    // a session in the same thread answers synchronously, so this runs before the process is gone
    session.post("Profiler.stop", (error, result) => {
      if (error) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
