// Conversation context: the question being answered is the last user message. Earlier turns only
// help to resolve a follow-up that leans on them ("and the cheapest one?", "et pour la box ?",
// "how much is it?"); a new question ("Do you have a student discount?") stands on its own.

import type { ChatMessage } from '../provider';
import { normalize } from './text';

export interface Conversation {
  /** The last user message. */
  question: string;
  /** Earlier user messages, newest first. */
  earlier: string[];
}

export function conversationOf(messages: ChatMessage[]): Conversation {
  const users = messages.filter((message) => message.role === 'user').map((message) => message.content);
  return { question: users.at(-1) ?? '', earlier: users.slice(0, -1).reverse() };
}

// Opens by continuing the previous exchange: "and…", "what about…", "et pour…", "du coup…".
const CONTINUES =
  /^\s*(?:and|also|so|then|ok(?:ay)?,? (?:and|so)|what about|how about|same (?:for|with|question)|et|aussi|alors|ensuite|du coup|et pour|et si|et concernant|et avec|pareil pour|idem pour|meme question)\b/;
// Points back at something already named, in a question too short to name it again.
const POINTS_BACK =
  /\b(?:it|its|that|this|these|those|them|they|one|ones|the other|ca|cela|celui|celle|ceux|celles|lequel|laquelle|lesquels|lesquelles|le meme|la meme|l'autre|en|c'est|ce sera|est-ce)(?![a-z])/;

/** `ownTerms` is how many content terms the question has by itself. */
export function isFollowUp(question: string, ownTerms: number): boolean {
  const text = normalize(question);
  if (CONTINUES.test(text) && ownTerms <= 4) return true;
  return ownTerms <= 2 && POINTS_BACK.test(text);
}
