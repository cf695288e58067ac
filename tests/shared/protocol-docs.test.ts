import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../shared/commands';
import { ERRORS } from '../../shared/errors';
import { EVENT_TYPES } from '../../shared/events';
import { CLOSE_CODES } from '../../shared/protocol';
import { caseParentId, MAIN_THREAD, SEED_THREAD, seedExchangeIds, testRunThreadId } from '../../shared/state';

// docs/protocol.md is the contract integrators read: it must name everything the code has.
const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');

describe('docs/protocol.md', () => {
  it.each(COMMAND_NAMES)('documents the command %s', (name) => expect(doc).toContain(`\`${name}\``));
  it.each(EVENT_TYPES)('documents the event %s', (type) => expect(doc).toContain(`| \`${type}\` |`));
  it.each(Object.keys(ERRORS))('documents the error code %s', (code) => expect(doc).toContain(`| \`${code}\` |`));
  it.each(Object.values(CLOSE_CODES).map((c) => c.code))('documents the close code %s', (code) => expect(doc).toContain(`| ${code} |`));
  it('documents the fixed id schemes exactly as the code builds them', () => {
    const seed = seedExchangeIds(2);
    expect(doc).toContain(`\`${MAIN_THREAD}\``);
    expect(doc).toContain(`\`${SEED_THREAD}\``);
    expect(doc).toContain(`"turnId":"${seed.turnId}"`);
    expect(doc).toContain(
      `user message \`${seedExchangeIds(1).messageId.replace('1', '<n>')}\`, answer \`${seedExchangeIds(1).turnId.replace('1', '<n>')}\``,
    );
    expect(doc).toContain(`\`${testRunThreadId('<runId>', '<caseId>')}\``);
    expect(doc).toContain(`\`${caseParentId('<caseId>')}\``);
  });
});
