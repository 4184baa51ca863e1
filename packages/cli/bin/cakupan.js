#!/usr/bin/env node
// The `cakupan` command: a committed shim (so that installing links it before the build exists).
import '../dist/cli.js';
