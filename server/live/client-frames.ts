import { Compile } from 'typebox/compile';
import { AtelierError } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import { jsonDepthExceeds } from '../json-depth';
import type { ClientFrame } from '../../shared/protocol';
import { CommandFrame, HelloFrame, PingFrame } from '../../shared/protocol-schemas';

// Parsing an inbound frame, once, at the socket. Anything malformed becomes a typed error.

const hello = Compile(HelloFrame);
const command = Compile(CommandFrame);
const ping = Compile(PingFrame);

export function parseClientFrame(text: string): ClientFrame {
  if (jsonDepthExceeds(text, LIMITS.maxJsonDepth))
    throw new AtelierError('bad_frame', `The frame is nested deeper than ${LIMITS.maxJsonDepth} levels.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AtelierError('bad_frame', 'The frame is not valid JSON.');
  }
  const type = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { type?: unknown }).type : undefined;
  switch (type) {
    case 'hello':
      if (hello.Check(value)) return value;
      throw new AtelierError('bad_frame', 'A hello frame needs a non-negative integer lastSeq.');
    case 'command':
      if (command.Check(value)) return value;
      throw new AtelierError('bad_frame', 'A command frame needs an id (1–64 characters), a name and data.');
    case 'ping':
      if (ping.Check(value)) return value;
      throw new AtelierError('bad_frame', 'A ping frame has no other field.');
    default:
      throw new AtelierError('bad_frame', 'Unknown frame type; expected hello, command or ping.');
  }
}

/** The command frame's id, when a malformed frame still has a usable one (so the error can answer it). */
export function frameIdOf(text: string): string | undefined {
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === 'string' && id.length <= 64 ? id : undefined;
  } catch {
    return undefined;
  }
}
