import { describe, expect, it } from 'vitest';
import { linkedinPostRef, linkedinUrn } from '../../../sources/linkedin/post-urn.ts';

describe('sources/linkedin/post-urn', () => {
  it.each([
    ['https://www.linkedin.com/posts/cate_ai-agents-share-7345821826846990338-AbCd', 'share', '7345821826846990338'],
    ['https://www.linkedin.com/posts/cate_ai-ugcPost-7345821826846990338-AbCd?utm_source=share', 'ugcPost', '7345821826846990338'],
    ['https://www.linkedin.com/posts/cate_ai-activity-7345821826846990338-AbCd', 'activity', '7345821826846990338'],
    ['https://www.linkedin.com/feed/update/urn:li:activity:7345821826846990338/', 'activity', '7345821826846990338'],
    ['https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A7345821826846990338', 'ugcPost', '7345821826846990338'],
  ])('%s', (url, kind, id) => {
    expect(linkedinPostRef(url)).toEqual({ kind, id, urn: `urn:li:${kind}:${id}` });
  });

  it('has no post id for articles, profiles and group posts, but keeps a group post’s urn', () => {
    expect(linkedinPostRef('https://www.linkedin.com/pulse/why-heat-pumps-work-mette-larsen-abc1f')).toBeNull();
    expect(linkedinPostRef('https://www.linkedin.com/in/sorenkj')).toBeNull();
    const group = 'https://www.linkedin.com/feed/update/urn%3Ali%3AgroupPost%3A9015002-7386379106294149120';
    expect(linkedinPostRef(group)).toBeNull();
    expect(linkedinUrn(group)).toBe('urn:li:groupPost:9015002-7386379106294149120');
  });
});
