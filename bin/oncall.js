#!/usr/bin/env node
await import('../dist/bundle/oncall.js');
