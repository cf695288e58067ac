import type { ChatNode, SessionState } from './state';

// Reading the conversation tree: the path a view shows, and what a new turn sends upstream.

/** The nodes from the root down to `leafId`, in order. */
export function pathTo(state: Pick<SessionState, 'nodes'>, leafId: string | null): ChatNode[] {
  const path: ChatNode[] = [];
  let id = leafId;
  while (id) {
    const node = state.nodes[id];
    if (!node) break;
    path.push(node);
    id = node.parentId;
  }
  return path.reverse();
}

/** The messages a generation continuing from `leafId` sends upstream; failed or empty answers are left out. */
export function transcriptTo(state: Pick<SessionState, 'nodes' | 'turns'>, leafId: string | null) {
  const messages: { role: 'user' | 'assistant'; content: string }[] = [];
  for (const node of pathTo(state, leafId)) {
    if (node.kind === 'user') messages.push({ role: 'user', content: node.text });
    else {
      const turn = state.turns[node.id];
      if (turn && turn.text.length > 0 && turn.status !== 'failed') messages.push({ role: 'assistant', content: turn.text });
    }
  }
  return messages;
}
