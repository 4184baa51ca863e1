#!/usr/bin/env node
// The print service: a committed shim (so that installing links it before the build exists).
import '../dist/server.js';
