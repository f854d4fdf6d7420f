// Builds widget.js from src/: `npm run build` (or `make widget`), and tests/test_widget_bundle.py
// with --outfile=… to check that the committed widget.js is what the sources build to. The
// options live only here so that both builds are the same.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const entry = join(here, "src", "main.js");
const outArg = process.argv.slice(2).find((arg) => arg.startsWith("--outfile="));
const outfile = outArg ? outArg.slice("--outfile=".length) : join(here, "widget.js");

// The entry's first comment documents the script tag and the theming for whoever embeds the
// widget, so it heads the bundle; esbuild would otherwise drop it (legalComments below).
const docs = readFileSync(entry, "utf8").match(/^\/\*![\s\S]*?\*\//);
if (!docs) throw new Error("src/main.js must start with its /*! … */ comment");
const banner = [
  "// GENERATED from src/ by `make widget` (esbuild, api/widget/build.mjs): do not edit by hand.",
  docs[0],
  '"use strict";',
].join("\n");

await esbuild.build({
  absWorkingDir: here, // module comments in the bundle name paths relative to here
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: "iife",
  target: "es2019",
  charset: "utf8", // Swedish text as itself, not as \u escapes
  legalComments: "none", // the entry's comment is in the banner already
  minify: false, // reviewers read the bundle in diffs
  sourcemap: false,
  banner: { js: banner },
  logLevel: "warning",
});
