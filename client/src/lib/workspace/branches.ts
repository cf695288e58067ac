import type { ChatNode, SessionState } from '../../../../shared/state';

// Which branch of a conversation tree a view shows. The log only knows the tree; the
// branch a reader looks at is a local choice: at each fork, the chosen child, else the
// child leading to the thread's newest node, else the newest child.
// (Relative import of shared/: this file is unit-tested in node without the $shared alias.)

/** Chosen child per fork; the key is the parent's id, or `root:<threadId>` for the roots. */
export type BranchChoices = Readonly<Record<string, string>>;

type Tree = Pick<SessionState, 'nodes' | 'threads'>;

export const rootKey = (threadId: string) => `root:${threadId}`;

/** The node ids from `id` up to its root. */
function ancestry(tree: Tree, id: string | null): Set<string> {
  const seen = new Set<string>();
  let at = id;
  while (at && !seen.has(at)) {
    seen.add(at);
    at = tree.nodes[at]?.parentId ?? null;
  }
  return seen;
}

function pick(children: readonly string[], chosen: string | undefined, towardLeaf: Set<string>): string | undefined {
  if (chosen && children.includes(chosen)) return chosen;
  return children.find((id) => towardLeaf.has(id)) ?? children[children.length - 1];
}

/** The nodes shown, from a root down to a leaf, following the choices. */
export function visiblePath(tree: Tree, threadId: string, choices: BranchChoices = {}): ChatNode[] {
  const thread = tree.threads[threadId];
  if (!thread) return [];
  const towardLeaf = ancestry(tree, thread.leafId);
  const path: ChatNode[] = [];
  let id = pick(thread.rootIds, choices[rootKey(threadId)], towardLeaf);
  while (id) {
    const node = tree.nodes[id];
    if (!node) break;
    path.push(node);
    id = pick(node.childIds, choices[node.id], towardLeaf);
  }
  return path;
}

/** A node's place among its siblings: "2 of 3", and its neighbours for ‹ and ›. */
export function siblingsOf(tree: Tree, node: ChatNode): { index: number; count: number; previous: string | null; next: string | null } {
  const siblings = node.parentId ? (tree.nodes[node.parentId]?.childIds ?? []) : (tree.threads[node.threadId]?.rootIds ?? []);
  const index = siblings.indexOf(node.id);
  return {
    index,
    count: siblings.length,
    previous: index > 0 ? siblings[index - 1]! : null,
    next: index >= 0 && index < siblings.length - 1 ? siblings[index + 1]! : null,
  };
}

/** The choices that make the path go through `nodeId` (to show a flagged answer in place). */
export function choicesToShow(tree: Tree, nodeId: string, choices: BranchChoices = {}): Record<string, string> {
  const next: Record<string, string> = { ...choices };
  let id: string | null = nodeId;
  while (id) {
    const node: ChatNode | undefined = tree.nodes[id];
    if (!node) break;
    next[node.parentId ?? rootKey(node.threadId)] = node.id;
    id = node.parentId;
  }
  return next;
}

/** Choosing a sibling at one fork. */
export function choose(choices: BranchChoices, node: ChatNode, siblingId: string): Record<string, string> {
  return { ...choices, [node.parentId ?? rootKey(node.threadId)]: siblingId };
}
