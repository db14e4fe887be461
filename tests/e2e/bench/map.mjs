// The benchmark map, through the CLI: generated with `bench-map`, and read back as the UI loads
// it and to find the project in its middle.

import { execFileSync } from "node:child_process";
import path from "node:path";

const KINDS = [
  "organizations",
  "teammates",
  "contacts",
  "projects",
  "stakes",
  "relationships",
  "interactions",
];

/** A map for the benchmark, read and written with the CLI binary `cli`. */
export function benchMap(cli) {
  const run = (map, ...args) => execFileSync(cli, ["--map", map, ...args], { encoding: "utf8" });
  return {
    /** Generates a map of `frames` frames and `cards` cards in `dir`; returns its path and the CLI's report. */
    generate(dir, { frames, cards, seed = 1 }) {
      const map = path.join(dir, "bench.stakemap");
      const size = ["--frames", String(frames), "--cards", String(cards), "--seed", String(seed)];
      const said = run(map, "bench-map", ...size, "--today", "2026-11-23").trim();
      return { map, said };
    },

    /** The name of the project whose frame is nearest the middle of the map. */
    middleProject(map) {
      const projects = JSON.parse(run(map, "list", "projects", "--json"));
      const centre = (p) => [p.frame.x + p.frame.width / 2, p.frame.y + p.frame.height / 2];
      const xs = projects.map((p) => centre(p)[0]);
      const ys = projects.map((p) => centre(p)[1]);
      const mid = [
        (Math.min(...xs) + Math.max(...xs)) / 2,
        (Math.min(...ys) + Math.max(...ys)) / 2,
      ];
      const distance = (p) => Math.hypot(centre(p)[0] - mid[0], centre(p)[1] - mid[1]);
      return projects.reduce((best, p) => (distance(p) < distance(best) ? p : best)).name;
    },

    /** The whole map as the UI loads it (`load_map`), as JSON. */
    snapshot(map) {
      const parts = KINDS.map((kind) => `"${kind}":${run(map, "list", kind, "--json")}`);
      return `{${parts.join(",")}}`;
    },
  };
}
