// Embed mode's URL handling and height messages (src/lib/embed.ts).
import { describe, expect, it } from 'vitest';
import { embedSnippet, embedUrl, parseEmbedParams, reportHeight } from '../../../src/lib/embed.ts';

describe('parseEmbedParams', () => {
  it.each([
    ['', { embed: false, controls: null, unknownControls: [], lesson: null }],
    ['?embed=1', { embed: true, controls: null, unknownControls: [], lesson: null }],
    ['?embed=0', { embed: false, controls: null, unknownControls: [], lesson: null }],
    [
      '?embed=1&controls=layers,paths',
      { embed: true, controls: ['layers', 'paths'], unknownControls: [], lesson: null },
    ],
    [
      '?embed=1&controls=Paths,,layers,paths,volcano',
      { embed: true, controls: ['paths', 'layers'], unknownControls: ['volcano'], lesson: null },
    ],
    [
      '?embed=1&lesson=condor-to-hedge',
      { embed: true, controls: null, unknownControls: [], lesson: 'condor-to-hedge' },
    ],
  ])('reads %j', (search, expected) => {
    expect(parseEmbedParams(search)).toEqual(expected);
  });
});

describe('embedUrl and embedSnippet', () => {
  const link = 'https://example.org/app/#v1.abc_-';

  it('puts ?embed=1 (and the controls) before the hash', () => {
    expect(embedUrl({ shareLink: link })).toBe('https://example.org/app/?embed=1#v1.abc_-');
    expect(embedUrl({ shareLink: link, controls: ['layers', 'paths'] })).toBe(
      'https://example.org/app/?embed=1&controls=layers,paths#v1.abc_-',
    );
  });

  it('makes an iframe of the embed URL whose script checks the origin of height messages', () => {
    const snippet = embedSnippet({ src: embedUrl({ shareLink: link }) });
    expect(snippet).toContain(
      '<iframe data-alvh-embed src="https://example.org/app/?embed=1#v1.abc_-"',
    );
    expect(snippet).toContain('event.origin !== "https://example.org"');
    expect(snippet).toContain('"alvh:height"');
  });
});

describe('reportHeight', () => {
  it("posts { type: 'alvh:height', height } to the parent at once", () => {
    const posts: unknown[] = [];
    const stop = reportHeight({
      target: { postMessage: (message: unknown) => posts.push(message) },
    });
    stop();
    expect(posts).toEqual([{ type: 'alvh:height', height: expect.any(Number) }]);
  });
});
