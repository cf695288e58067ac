import { readConsent } from '../api/endpoints';

// The consent text shown before Start, from the server in the reader's language; null while
// loading or when the server has none (the view then shows its built-in notice).

export class ConsentText {
  text: string | null = $state(null);
  loaded = $state(false);
  readonly #sessionId: string;

  constructor(sessionId: string) {
    this.#sessionId = sessionId;
  }

  async load(lang: string): Promise<void> {
    try {
      const answer = await readConsent(this.#sessionId, lang);
      this.text = answer.text.trim() ? answer.text : null;
    } catch {
      this.text = null; // 404 on an older server: the built-in notice says the same things
    } finally {
      this.loaded = true;
    }
  }
}
