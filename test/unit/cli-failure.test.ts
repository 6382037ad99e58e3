// The top-level catch must survive whatever reaches it: before this, an error
// whose code was a number (undici, Sentry) crashed the handler itself with
// "err.code?.startsWith is not a function".

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommanderError } from 'commander';
import { outcomeOf } from '../../commands/failure.js';

const internal = (text: string) => ({ exitCode: 70, line: `oncall: internal error: ${text}` });

test('commander: help and version exit 0, a usage mistake 2, and commander has already said it', () => {
  assert.deepEqual(outcomeOf(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)')), { exitCode: 0, line: null });
  assert.deepEqual(outcomeOf(new CommanderError(0, 'commander.version', '0.1.0')), { exitCode: 0, line: null });
  assert.deepEqual(outcomeOf(new CommanderError(1, 'commander.unknownCommand', "error: unknown command 'x'")), { exitCode: 2, line: null });
});

test('anything else thrown is one line and exit 70, whatever its shape', () => {
  const numbered = Object.assign(new Error('Request failed with status 502'), { code: 502 });
  assert.deepEqual(outcomeOf(numbered), internal('Request failed with status 502'));
  assert.deepEqual(outcomeOf(Object.assign(new Error('x'), { code: null })), internal('x'));
  assert.deepEqual(outcomeOf(Object.assign(new Error('y'), { code: { nested: true } })), internal('y'));
  assert.deepEqual(outcomeOf(new Error('first line\n    at somewhere (file.js:1:1)')), internal('first line'));
  assert.deepEqual(outcomeOf('a bare string'), internal('a bare string'));
  assert.deepEqual(outcomeOf(42), internal('42'));
  assert.deepEqual(outcomeOf(null), internal('null'));
  assert.deepEqual(outcomeOf(undefined), internal('undefined'));
  assert.deepEqual(outcomeOf({ code: 503 }), internal('a thrown object without a message ({"code":503})'));
  assert.deepEqual(outcomeOf({}), internal('a thrown object without a message'));
  assert.deepEqual(outcomeOf({ message: 7 }), internal('a thrown object without a message ({"message":7})'));
  assert.deepEqual(outcomeOf(Object.create(null)), internal('a thrown value that cannot be printed'));
  const hostile = Object.defineProperty({}, 'message', {
    get() {
      throw new Error('no');
    },
  });
  assert.deepEqual(outcomeOf(hostile), internal('a thrown object without a message'));
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.deepEqual(outcomeOf(cyclic), internal('a thrown object without a message'));
});
