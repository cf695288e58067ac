import { AtelierError, type ErrorCode } from '../../shared/errors';

/**
 * A refusal that the sign-in guard counts against the address although it is not a 401: an
 * account reaching for a role it lacks or a session it was not scheduled for. (Every 401 is
 * counted already.) A guesser probing with a stolen cookie runs out of tries either way.
 */
export class CredentialRefused extends AtelierError {
  constructor(code: ErrorCode, message?: string) {
    super(code, message);
    this.name = 'CredentialRefused';
  }
}
