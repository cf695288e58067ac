// Where a staff member downloads the session: the log (filtered by the server for them), the
// Markdown and printable HTML reports in the reader's language.

export interface ExportLinks {
  json: string;
  markdown: string;
  html: string;
}

/** `role` picks which of the browser's invite cookies for this session answers (one browser may hold several). */
export function exportLinks(sessionId: string, lang: 'en' | 'fr', role: string): ExportLinks {
  const base = `/api/sessions/${encodeURIComponent(sessionId)}`;
  const as = `role=${encodeURIComponent(role)}`;
  return {
    json: `${base}/export.json?${as}`,
    markdown: `${base}/report.md?lang=${lang}&${as}`,
    html: `${base}/report.html?lang=${lang}&${as}`,
  };
}
