#!/usr/bin/env node
'use strict'
// The CLI is built by electron-vite into out/main/cli.js (npm install runs the build via "prepare").
const { existsSync } = require('node:fs')
const { join } = require('node:path')
const built = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(built)) {
  process.stderr.write('clearport: not built yet — run `npm run build` first.\n')
  process.exit(70)
}
require(built)
