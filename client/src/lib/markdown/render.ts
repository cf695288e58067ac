import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

// Model output and briefs are Markdown from untrusted sources. marked turns them into HTML,
// then DOMPurify keeps only inert markup: no script, no event handler, no javascript: URL,
// no remote resource (images become links, so nothing loads without a click).

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    image({ href, title, text }: Tokens.Image): string {
      const label = escapeHtml(text || href);
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href)}"${titleAttr}>🖼 ${label}</a>`;
    },
  },
});

const purifier = DOMPurify(window);

purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const SANITIZE = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'style',
    'img',
    'picture',
    'source',
    'video',
    'audio',
    'iframe',
    'object',
    'embed',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'svg',
    'math',
    'link',
    'meta',
    'base',
  ],
  FORBID_ATTR: ['style', 'srcset', 'src', 'action', 'formaction', 'background', 'poster', 'xlink:href'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
};

/**
 * Safe HTML for a Markdown string, complete or still streaming. `breaks` turns single newlines
 * into line breaks, as chat answers expect; authored text (briefs) wraps lines freely.
 */
export function renderMarkdown(markdown: string, options: { breaks?: boolean } = {}): string {
  const html = marked.parse(markdown, { breaks: options.breaks ?? false }) as string;
  return purifier.sanitize(html, SANITIZE);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
