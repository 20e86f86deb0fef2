import { describe, expect, it } from 'vitest';
import { linkedinPostRef, linkedinPostUrl, linkedinUrn } from '../../../sources/linkedin/post-urn.ts';

const ID = '7345821826846990338';

describe('sources/linkedin/post-urn', () => {
  it.each([
    [`https://www.linkedin.com/posts/cate_ai-agents-share-${ID}-AbCd`, 'share'],
    [`https://www.linkedin.com/posts/cate_ai-ugcPost-${ID}-AbCd?utm_source=share`, 'ugcPost'],
    [`https://www.linkedin.com/posts/cate_ai-activity-${ID}-AbCd`, 'activity'],
    [`https://www.linkedin.com/feed/update/urn:li:activity:${ID}/`, 'activity'],
    [`https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A${ID}`, 'ugcPost'],
  ])('%s', (url, kind) => {
    expect(linkedinPostRef(url)).toEqual({ kind, id: ID, urn: `urn:li:${kind}:${ID}` });
  });

  describe('one post, one key: every form LinkedIn writes a post’s link in gives the same id', () => {
    it.each([
      [
        'a copied link with its tracking query',
        `https://www.linkedin.com/posts/cate_ai-agents-activity-${ID}-AbCd?utm_source=share&utm_medium=member_desktop`,
        'activity',
      ],
      ['a locale host', `https://dk.linkedin.com/posts/cate_ai-agents-activity-${ID}-AbCd`, 'activity'],
      ['the mobile host', `https://m.linkedin.com/feed/update/urn:li:share:${ID}`, 'share'],
      [
        'a feed link with a trailing slash and a query',
        `https://www.linkedin.com/feed/update/urn:li:ugcPost:${ID}/?utm_source=share&utm_medium=member_ios`,
        'ugcPost',
      ],
      ['an encoded share urn', `https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A${ID}`, 'share'],
      ['an encoded activity urn', `https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A${ID}/`, 'activity'],
      ['a bare urn', `urn:li:activity:${ID}`, 'activity'],
    ])('%s', (_form, url, kind) => {
      expect(linkedinPostRef(url)).toEqual({ kind, id: ID, urn: `urn:li:${kind}:${ID}` });
    });

    it.each([
      ['a feed link', `https://www.linkedin.com/feed/update/urn:li:groupPost:9015002-${ID}/`],
      ['an encoded feed link', `https://www.linkedin.com/feed/update/urn%3Ali%3AgroupPost%3A9015002-${ID}`],
      ['the group’s own path', `https://www.linkedin.com/groups/9015002/posts/${ID}/?utm_source=share`],
    ])('a group post, in %s, is its groupPost id with the group kept in the urn', (_form, url) => {
      expect(linkedinPostRef(url)).toEqual({ kind: 'groupPost', id: ID, urn: `urn:li:groupPost:9015002-${ID}` });
      expect(linkedinUrn(url)).toBe(`urn:li:groupPost:9015002-${ID}`);
    });

    it('writes an article’s link one way, whatever host, query, escapes or trailing slash it was copied with', () => {
      const article = 'https://www.linkedin.com/pulse/varmepumper-i-vinter-mette-larsen-abc1f';
      for (const copied of [
        article,
        `${article}/`,
        `${article}?utm_source=share&utm_medium=member_desktop`,
        'https://dk.linkedin.com/pulse/varmepumper-i-vinter-mette-larsen-abc1f/?trk=public_post',
        'https://m.linkedin.com/pulse/varmepumper-i-vinter-mette-larsen-abc1f#comments',
        'HTTPS://LinkedIn.com/pulse/varmepumper-i-vinter-mette-larsen-abc1f',
      ]) {
        expect(linkedinPostUrl(copied), copied).toBe(article);
      }
      expect(linkedinPostUrl('https://www.linkedin.com/pulse/s%C3%B8ren-om-vind-abc1f')).toBe('https://www.linkedin.com/pulse/søren-om-vind-abc1f');
    });

    it('keeps links elsewhere as written', () => {
      expect(linkedinPostUrl('https://www.facebook.com/ase.molgaard/posts/pfbid02xYz?ref=share')).toBe(
        'https://www.facebook.com/ase.molgaard/posts/pfbid02xYz?ref=share',
      );
      expect(linkedinPostUrl('not a link')).toBe('not a link');
    });
  });

  it('has no post id for articles and profiles', () => {
    expect(linkedinPostRef('https://www.linkedin.com/pulse/why-heat-pumps-work-mette-larsen-abc1f')).toBeNull();
    expect(linkedinPostRef('https://www.linkedin.com/in/sorenkj')).toBeNull();
  });
});
