import { describe, expect, it } from 'vitest';
import { exportLinks } from '../../client/src/lib/replay/export-links';

// The replay's export links: all under /api/sessions/:id, so the session cookie is sent.

describe('exportLinks', () => {
  it('points at the log, and at both reports in the reader’s language', () => {
    expect(exportLinks('s 1/x', 'fr', 'reviewer')).toEqual({
      json: '/api/sessions/s%201%2Fx/export.json?role=reviewer',
      markdown: '/api/sessions/s%201%2Fx/report.md?lang=fr&role=reviewer',
      html: '/api/sessions/s%201%2Fx/report.html?lang=fr&role=reviewer',
    });
  });
});
