import type { TurnFailureKind } from '../../shared/generation';

// What the candidate reads when an answer fails: calm, actionable, never the provider's raw
// text (staff get that in `turn.diagnostic`). The client shows its own translation by kind
// (`failure.<kind>` in client/src/lib/i18n); this English text is what the log and reports keep.
export const FAILURE_MESSAGES: Record<TurnFailureKind, string> = {
  auth: 'The model is not available right now. Your interviewer has been told; try another model or carry on.',
  rate_limit: 'The model is busy. Wait a few seconds and send again.',
  overloaded: 'The model is overloaded. Wait a few seconds and send again.',
  server: 'The model had a problem answering. Send again, or try another model.',
  context_length: 'The conversation is too long for this model. Start a new branch or shorten the prompt.',
  bad_request: 'The model refused this request. Check the parameters and try again.',
  timeout: 'The model stopped responding, so the answer was cut off. Send again.',
  interrupted: 'The answer was cut off before it finished. Send again.',
  network: 'The model could not be reached. Send again in a moment.',
  unknown: 'Something went wrong while answering. Send again.',
};
