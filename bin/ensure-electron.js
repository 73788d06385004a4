#!/usr/bin/env node
'use strict'
// `npm start` runs this first. package.json's allowScripts skips Electron's download during
// `npm install` (it comes from GitHub, which some build machines cannot reach), so the binary is
// fetched here, on first start, by Electron's own installer.
const { spawnSync } = require('node:child_process')
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const electronDir = join(__dirname, '..', 'node_modules', 'electron')
if (existsSync(join(electronDir, 'path.txt'))) process.exit(0)

process.stderr.write('clearport: downloading the Electron binary (first start)…\n')
const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit', timeout: 300_000 })
if (result.status === 0 && existsSync(join(electronDir, 'path.txt'))) process.exit(0)
process.stderr.write(
  'clearport: the Electron binary could not be downloaded, so the window cannot open here.\n' +
    'The command line works without it: npx clearport --help\n',
)
process.exit(1)
