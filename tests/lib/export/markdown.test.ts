import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { renderMarkdown, mdText } from '@/lib/export/markdown';
import { buildMarkdownZip } from '@/lib/export/markdown-zip';
import { brandAlignmentScore, formatScore } from '@/lib/scoring/alignment';
import { sampleSession, sampleSteps } from './fixtures';
import { XSS_CORPUS } from './xss-corpus';

describe('mdText', () => {
  it('renders as exactly the text: no Markdown meaning, no HTML', () => {
    expect(mdText('**bold** [x](y) # h')).toBe('\\*\\*bold\\*\\* \\[x\\]\\(y\\) \\# h');
    expect(mdText('<b>hi</b> & co')).toBe('&lt;b&gt;hi&lt;/b&gt; &amp; co');
    expect(mdText('two\nlines')).toBe('two lines');
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(sampleSession, sampleSteps, [{ stepId: sampleSteps[0]!.id, path: 'images/step-01-1.jpg' }]);

  it('carries the score, every step in order, and the images', () => {
    expect(md).toContain(`Brand Alignment Score: ${formatScore(brandAlignmentScore(sampleSteps, sampleSession.rubric).score)}`);
    const headings = [...md.matchAll(/^### (\d+)\. /gm)].map((m) => Number(m[1]));
    expect(headings).toEqual(sampleSteps.map((_, i) => i + 1));
    expect(md).toContain('![Screenshot of step 1](images/step-01-1.jpg)');
  });

  it('says a text-only step was observed off-screen rather than printing an empty link', () => {
    const text = { ...sampleSteps[0]!, id: 'text', url: '', pageTitle: 'Phone call to support', note: 'On hold 20 min' };
    const out = renderMarkdown(sampleSession, [text], []);
    expect(out).toContain('### 1. Phone call to support');
    expect(out).toContain('- **Page:** none, observed off-screen');
    expect(out).not.toContain('Screenshot of step 1');
  });

  it('neutralises every hostile payload, wherever it is put', () => {
    for (const payload of XSS_CORPUS) {
      const session = { ...sampleSession, title: payload, brand: payload, promise: payload, persona: payload, scenario: payload, verdict: payload, startUrl: payload };
      const steps = sampleSteps.map((s) => ({ ...s, note: payload, pageTitle: payload, url: payload, tags: [payload] }));
      const out = renderMarkdown(session, steps, []);
      expect(out, payload).not.toMatch(/<[a-zA-Z!/?]/);
      expect(out, payload).not.toMatch(/\]\(\s*(javascript|data|vbscript):/i);
    }
  });
});

describe('buildMarkdownZip', () => {
  it('packs report.md and the images under names the report links to', () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);
    const zip = buildMarkdownZip(sampleSession, sampleSteps, [
      { stepId: sampleSteps[1]!.id, bytes: jpeg, mimeType: 'image/jpeg' },
      { stepId: sampleSteps[1]!.id, bytes: jpeg, mimeType: 'image/jpeg' },
    ]);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['images/step-02-1.jpg', 'images/step-02-2.jpg', 'report.md']);
    expect([...files['images/step-02-2.jpg']!]).toEqual([...jpeg]);
    const md = strFromU8(files['report.md']!);
    expect(md).toContain('(images/step-02-1.jpg)');
    expect(md).toContain('(images/step-02-2.jpg)');
  });
});
