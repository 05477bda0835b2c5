// Copies the distributable files the app serves from node_modules into wwwroot/lib.
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const assets = [
  ["node_modules/bootstrap/dist/css/bootstrap.min.css", "wwwroot/lib/bootstrap/css/bootstrap.min.css"],
];
for (const [from, to] of assets) {
  mkdirSync(dirname(join(root, to)), { recursive: true });
  cpSync(join(root, from), join(root, to));
}
console.log(`copied ${assets.length} asset(s) into wwwroot/lib`);
