import { CLOSE_CODES } from '$shared/protocol';
import type { ErrorCode } from '$shared/errors';

// What the live connection is doing, and why it stopped when it stopped for good.

export type ClosedReason = 'unauthorized' | 'sessionErased' | 'protocol' | 'tooManySockets' | 'forbidden' | 'notFound' | 'other';

export type ConnectionStatus =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'reconnecting'; attempt: number; retryAt: number }
  | { kind: 'closed'; reason: ClosedReason };

/** A close code that means "do not retry", mapped to its reason; null means reconnect. */
export function finalCloseReason(code: number): ClosedReason | null {
  switch (code) {
    case CLOSE_CODES.unauthorized.code:
      return 'unauthorized';
    case CLOSE_CODES.sessionErased.code:
      return 'sessionErased';
    case CLOSE_CODES.protocolError.code:
      return 'protocol';
    case CLOSE_CODES.tooManySockets.code:
      return 'tooManySockets';
    default:
      // normal, goingAway (server restart), frameTooLarge, 1006 drops: try again
      return null;
  }
}

/** An error code, received outside any command or from the handshake probe, that ends the connection. */
export function finalErrorReason(code: ErrorCode): ClosedReason | null {
  switch (code) {
    case 'unauthorized':
      return 'unauthorized';
    case 'forbidden':
    case 'bad_origin':
      return 'forbidden';
    case 'not_found':
      return 'notFound';
    case 'protocol_version':
      return 'protocol';
    default:
      return null;
  }
}
