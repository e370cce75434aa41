// Preloaded (through NODE_OPTIONS) into every Node process a benchmark starts: on exit, each appends
// its pid and peak resident set size (KiB) to $BENCH_RSS_FILE, so a whole process tree can be measured.
const fs = require("fs");

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    fs.appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`);
  });
}
