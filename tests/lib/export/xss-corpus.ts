import type { ReportInput, ReportScreenshot } from '@/lib/export/html-report';
import type { Screenshot, Session, Step } from '@/lib/schemas';
import { TINY_PNG } from './fixtures';

// Hostile strings for every text a report shows, and a session that carries them everywhere.
// The unit tests assert on the rendered markup; the browser e2e opens the same report in Chromium
// and listens for dialogs, console messages and requests.

export const XSS_CORPUS: readonly string[] = [
  // Script elements
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<script/xss src="data:text/javascript,alert(1)"></script>',
  '"><script>alert(document.domain)</script>',
  "'><script>alert(1)</script>",
  // Breaking out of the elements the report itself uses
  '</style><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '</textarea><script>alert(1)</script>',
  '</noscript><script>alert(1)</script>',
  '</svg><script>alert(1)</script>',
  '</a><script>alert(1)</script>',
  // Event attributes, quoted and not
  '" onmouseover=alert(1) x="',
  "' onfocus='alert(1)' autofocus x='",
  '` onmouseover=alert(1) x=`',
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(1)">',
  '<IMG SRC=x OnErRoR=alert(1)>',
  '<img/src=x/onerror=alert(1)>',
  '<body onload=alert(1)>',
  '<div onpointerenter="alert(1)">hover</div>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<marquee onstart=alert(1)>',
  // Dangerous URLs
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  '\u0001javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java&#x09;script:alert(1)',
  '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)',
  'javascript&colon;alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'https：//evil.example/',
  'javascript：alert(1)',
  '//evil.example/path',
  'https://shop.example@evil.example/',
  'https://evil.example/"><script>alert(1)</script>',
  "https://evil.example/' onmouseover='alert(1)",
  '<a href="javascript:alert(1)">click</a>',
  '<a href=javascript&colon;alert(1)>x</a>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  // SVG and MathML
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math href="javascript:alert(1)">click</math>',
  // Frames, objects, templates
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<iframe src="javascript:alert(1)">',
  '<object data="data:text/html,<script>alert(1)</script>">',
  '<embed src="javascript:alert(1)">',
  '<template><script>alert(1)</script></template>',
  // Comments, CDATA and parser confusion (mXSS)
  '<!--',
  '--><script>alert(1)</script>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<style><img src="</style><img src=x onerror=alert(1)//">',
  '<xmp><img src="</xmp><img src=x onerror=alert(1)>">',
  '<select><template><style><img src=x onerror=alert(1)></style></template></select>',
  '<? alert(1) ?>',
  '<!DOCTYPE html><html><head></head>',
  // CSS
  '<div style="background:url(javascript:alert(1))">',
  '<style>@import "https://evil.example/x.css";</style>',
  'x</style><style>*{background:url(https://evil.example/)}</style>',
  'expression(alert(1))',
  // Entities and encodings
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&amp;lt;img src=x onerror=alert(1)&amp;gt;',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '\\u003cscript\\u003ealert(1)\\u003c/script\\u003e',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  // Unicode tricks
  '＜script＞alert(1)＜/script＞',
  '\uFF1Cimg src=x onerror=alert(1)\uFF1E',
  '<scr\u200Dipt>alert(1)</scr\u200Dipt>',
  'java\u200Bscript:alert(1)',
  '\u202Egnp.exe\u202C',
  'Invoice \u202Efdp.exe',
  '\u2066<script>alert(1)</script>\u2069',
  '<script\u0000>alert(1)</script>',
  'null\u0000byte<img src=x onerror=alert(1)>',
  '\uFEFFjavascript:alert(1)',
  '<\u0000script>alert(1)</script>',
  'https://xn--80ak6aa92e.com/',
  'https://аpple.com/',
];

const hostileScreenshot = (step: Step, dataUrl: string, i: number): ReportScreenshot => ({
  dataUrl,
  screenshot: {
    id: `shot-${i}`,
    stepId: step.id,
    sessionId: step.sessionId,
    kind: 'visible',
    mimeType: 'image/png',
    width: 1,
    height: 1,
    devicePixelRatio: 1,
    bytes: 1,
    thumbWidth: 1,
    thumbHeight: 1,
    thumbBytes: 1,
    annotations: [], part: null,
    createdAt: step.capturedAt,
  } satisfies Screenshot,
});

/**
 * A report input with every payload in every text the report shows: session title, brand,
 * promise, persona, scenario, verdict, tags, browser; rubric name, description, scale labels and a
 * pillar per payload (name and description); a stage per payload; a step per payload (note, page
 * title, URL, tags). Ids are hostile too, to prove that no stored id reaches the markup. Not valid
 * against SessionSchema's limits (more than 20 stages, long titles): the renderer must not rely on them.
 */
export function hostileSession(payloads: readonly string[] = XSS_CORPUS): ReportInput {
  const all = payloads.join('\n');
  const T0 = Date.UTC(2025, 0, 2, 3, 4, 5);
  const stages = payloads.map((p, i) => ({ id: `stage-${i}${p}`, name: p }));
  const pillars = payloads.map((p, i) => ({ id: `pillar-${i}${p}`, name: p, description: p, weight: 1 + (i % 3) }));
  const labels = [0, 1, 2, 3, 4].map((i) => payloads[i % payloads.length]!);
  const session: Session = {
    id: `session${payloads[0] ?? ''}`,
    title: all,
    brand: all,
    startUrl: payloads.find((p) => p.startsWith('javascript')) ?? 'javascript:alert(1)',
    promise: all,
    persona: all,
    scenario: all,
    stages,
    tags: [...payloads],
    status: 'completed',
    verdict: all,
    seq: Object.fromEntries(stages.map((s, i) => [s.id, 1 + (i % 7)])),
    ces: 4,
    rubric: { id: `rubric${payloads[1] ?? ''}`, name: all, description: all, pillars, scale: { min: 1, max: 5, labels } },
    environment: { userAgent: all, browser: all, viewport: { width: 1280, height: 800 }, devicePixelRatio: 1 },
    createdAt: T0,
    updatedAt: T0,
    completedAt: T0 + 60_000,
  };
  const steps: Step[] = payloads.map((p, i) => ({
    id: `step-${i}${p}`,
    sessionId: session.id,
    position: i,
    stageId: stages[i]!.id,
    capturedAt: T0 + i * 1000,
    sincePreviousMs: i === 0 ? null : 1000,
    url: p,
    pageTitle: p,
    note: `${p}\n${p}`,
    scores: Object.fromEntries(pillars.map((pl, j) => [pl.id, (i + j) % 6 === 5 ? 'na' : 1 + ((i + j) % 5)])),
    severity: i % 5,
    tags: [p, 'dark pattern'],
    emotion: (i % 5) - 2,
    momentOfTruth: i % 4 === 0,
    viewport: null,
    devicePixelRatio: null,
    // The page supplies these words too: an error message is as hostile as a title.
    context: {
      ttfbMs: 120, domContentLoadedMs: 400, loadMs: 900, lcpMs: 1200, cls: 0.1, errorsWatched: true,
      errors: [{ message: p, source: p, at: T0 }], userAgent: p,
    },
    updatedAt: T0,
  }));
  // Every other step gets a hostile image source, which the report must leave out.
  const badSources = [
    'javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+',
    `${TINY_PNG}" onerror="alert(1)`,
    'https://evil.example/pixel.png',
  ];
  const screenshots = new Map(
    steps.map((s, i) => [s.id, [hostileScreenshot(s, i % 2 ? badSources[i % badSources.length]! : TINY_PNG, i)]]),
  );
  return { session, steps, screenshots, generatedAt: T0 + 120_000, appVersion: `1.0.0 ${payloads[0] ?? ''}` };
}

/** The same corpus under the name the Markdown export's tests use. */
export const XSS_PAYLOADS = XSS_CORPUS;
