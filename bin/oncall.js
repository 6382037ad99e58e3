#!/usr/bin/env node
// React's development build costs a render ten times over; users run the production one.
process.env.NODE_ENV ??= 'production';
await import('../dist/commands/cli.js');
