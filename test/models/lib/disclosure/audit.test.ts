import { describe, expect, it } from 'vitest';
import { auditPost, foldText, headlineNamesEmployer, type DisclosureRules } from '../../../../models/lib/disclosure/audit.ts';
import { DEFAULT_DISCLOSURE_PHRASES, disclosurePhrases } from '../../../../models/lib/disclosure/phrases.ts';

const COMPANY_NAMES = ['Nordlys Energi A/S', 'Nordlys Energi', 'Nordlys'];
const normal: DisclosureRules = { mode: 'normal', companyNames: COMPANY_NAMES, phrases: DEFAULT_DISCLOSURE_PHRASES };
const strict: DisclosureRules = { ...normal, mode: 'strict' };

const facebook = (text: string | null, rules = normal) => auditPost(text, null, 'facebook', rules);
const linkedin = (text: string | null, headline: string | null, rules = normal) => auditPost(text, headline, 'linkedin', rules);

/** 𝗠𝗮𝘁𝗵 𝗯𝗼𝗹𝗱 (sans-serif bold), as LinkedIn writers use for headings. */
function mathBold(text: string): string {
  return [...text]
    .map((letter) => {
      const code = letter.codePointAt(0) ?? 0;
      if (code >= 65 && code <= 90) return String.fromCodePoint(0x1d5d4 + code - 65);
      if (code >= 97 && code <= 122) return String.fromCodePoint(0x1d5ee + code - 97);
      return letter;
    })
    .join('');
}

describe('models/lib/disclosure/audit', () => {
  describe('normal mode, Facebook: the post itself must make the employment evident', () => {
    it.each([
      ['Min kollega hos Nordlys Energi har skrevet en god artikel ⚡', 'text_phrase', 'kollega hos nordlys energi', 'da'],
      ['Mine kolleger i Nordlys har lavet noget, jeg er stolt af', 'text_phrase', 'kolleger i nordlys', 'da'],
      ['Jeg arbejder hos Nordlys Energi A/S, og det her er værd at læse', 'text_phrase', 'arbejder hos nordlys energi a s', 'da'],
      ['Vi søger en elektriker hos Nordlys Energi!', 'text_phrase', 'hos nordlys energi', 'da'],
      ['Spændende nyt om solceller #reklame', 'text_marker', '#reklame', 'da'],
      ['Nyt job 👷‍♀️ #Annonce', 'text_marker', '#annonce', 'da'],
      ['My colleague at Nordlys Energi wrote this', 'text_phrase', 'colleague at nordlys energi', 'en'],
      ['I work for Nordlys, and this one is worth a read', 'text_phrase', 'work for nordlys', 'en'],
      ['Great read on heat pumps #ad', 'text_marker', '#ad', 'en'],
      ['Proud to share this #Employee', 'text_marker', '#employee', 'en'],
    ])('%s → compliant (%s)', (text, rule, evidence, language) => {
      expect(facebook(text)).toEqual({ status: 'compliant', rule, evidence, language });
    });

    it.each([
      ['Nordlys Energi er et fantastisk sted! ✨'],
      ['Nordlys Energi har lige lanceret noget nyt – tjek det ud 👇'],
      ['Great work by Nordlys on the new wind farm'],
      ['Jeg hader reklame, men Nordlys Energi er god'],
    ])('names the company without a disclosing phrase: %s → non_compliant', (text) => {
      const result = facebook(text);
      expect(result).toMatchObject({ status: 'non_compliant', rule: 'no_disclosure' });
      expect(result.evidence).toMatch(/^names "nordlys( energi)?" without a disclosing phrase$/);
    });

    it('flags a post that mentions nothing, with no evidence, and does not take a longer hashtag for a marker', () => {
      expect(facebook('Spændende læsning om grøn energi 🔥')).toEqual({ status: 'non_compliant', rule: 'no_disclosure', evidence: null, language: null });
      expect(facebook('Weekend #adventure #teamnordlys #reklamefri')).toMatchObject({ status: 'non_compliant' });
    });

    it('is not fooled by emoji, zero-width joiners, math-bold letters or case around the marker', () => {
      expect(facebook('Nyt fra jobbet 🙋🏼‍♂️#reklame🎉')).toMatchObject({ status: 'compliant', evidence: '#reklame' });
      expect(facebook('Great read 👩‍💻#AD👍🏽')).toMatchObject({ status: 'compliant', evidence: '#ad' });
      expect(facebook('Great read #a\u200Dd')).toMatchObject({ status: 'compliant', evidence: '#ad' });
      expect(facebook(`${mathBold('Reklame')} | Nyt job`)).toMatchObject({ status: 'compliant', rule: 'text_marker', evidence: 'reklame' });
      expect(facebook(`Min kollega hos ${mathBold('Nordlys Energi')} skrev det her`)).toMatchObject({
        status: 'compliant',
        evidence: 'kollega hos nordlys energi',
      });
      expect(facebook('MIN\u00A0KOLLEGA HOS\nNORDLYS')).toMatchObject({ status: 'compliant', evidence: 'kollega hos nordlys' });
      // full-width letters fold too
      expect(facebook('＃ｒｅｋｌａｍｅ')).toMatchObject({ status: 'compliant', evidence: '#reklame' });
    });

    it('takes a leading label only at the start, and a two-letter one only before a separator', () => {
      expect(facebook('REKLAME: Nyt job i Aarhus')).toMatchObject({ status: 'compliant', rule: 'text_marker', evidence: 'reklame' });
      expect(facebook('🎉 Annonce – vi søger')).toMatchObject({ status: 'compliant', evidence: 'annonce' });
      expect(facebook('AD | New job in Aarhus')).toMatchObject({ status: 'compliant', evidence: 'ad' });
      expect(facebook('Ad hoc thoughts about Nordlys')).toMatchObject({ status: 'non_compliant' });
      expect(facebook('Nyt job, og det er ikke reklame')).toMatchObject({ status: 'non_compliant' });
    });

    it('does not read a link as words', () => {
      expect(facebook('Læs mere: https://www.nordlys.dk/blog/min-kollega-hos-nordlys?utm_source=facebook#ad')).toMatchObject({
        status: 'non_compliant',
        evidence: null,
      });
      expect(facebook('https://www.nordlys.dk/job')).toMatchObject({ status: 'non_compliant', rule: 'no_disclosure' });
      expect(facebook('Læs mere: https://lnkd.in/abc #reklame')).toMatchObject({ status: 'compliant', evidence: '#reklame' });
    });

    it('is unknown without text', () => {
      for (const text of [null, '', '   ', '🎉👍🏽']) {
        expect(facebook(text)).toEqual({ status: 'unknown', rule: 'no_text', evidence: null, language: null });
      }
    });
  });

  describe('normal mode, LinkedIn: a headline naming the employer suffices', () => {
    it('is compliant through the headline, or through the text when the headline does not name the employer', () => {
      expect(linkedin('Great read on heat pumps', 'Engineer at Nordlys Energi')).toEqual({
        status: 'compliant',
        rule: 'linkedin_headline',
        evidence: 'headline: nordlys energi',
        language: null,
      });
      expect(linkedin('Spændende nyt', 'Elektriker @ Nordlys | Grøn omstilling ⚡')).toMatchObject({ status: 'compliant', rule: 'linkedin_headline' });
      expect(linkedin('Min kollega hos Nordlys skrev det her', 'Passioneret om vedvarende energi')).toMatchObject({ status: 'compliant', rule: 'text_phrase' });
      expect(linkedin(null, 'Controller | Nordlys Energi A/S')).toMatchObject({
        status: 'compliant',
        rule: 'linkedin_headline',
        evidence: 'headline: nordlys energi a s',
      });
    });

    it('is non_compliant when neither discloses, unknown when there is neither text nor a naming headline', () => {
      expect(linkedin('Nordlys Energi er et fantastisk sted!', 'Projektleder | Vindkraft')).toMatchObject({ status: 'non_compliant', rule: 'no_disclosure' });
      expect(linkedin('Great read', '#teamnordlys fan')).toMatchObject({ status: 'non_compliant' });
      expect(linkedin(null, 'Projektleder | Vindkraft')).toMatchObject({ status: 'unknown', rule: 'no_text' });
      expect(headlineNamesEmployer('Sælger hos Nordlys Energis kundecenter', normal)).toBe(true);
      expect(headlineNamesEmployer('Sælger hos Nordlyset', normal)).toBe(false);
    });
  });

  describe('strict mode: the marker must come first, on every platform', () => {
    it.each([
      ['Reklame: Min kollega hos Nordlys har skrevet', 'reklame', 'da'],
      ['#reklame Nyt job hos Nordlys', '#reklame', 'da'],
      [`✨ ${mathBold('ANNONCE')} ✨ Vi søger`, 'annonce', 'da'],
      ['👉#Ad New job at Nordlys', '#ad', 'en'],
      ['Sponsored | Our new report', 'sponsored', 'en'],
      ['AD: new job in Aarhus', 'ad', 'en'],
    ])('%s → compliant', (text, evidence, language) => {
      expect(facebook(text, strict)).toEqual({ status: 'compliant', rule: 'leading_marker', evidence, language });
      expect(linkedin(text, 'Engineer at Nordlys', strict)).toMatchObject({ status: 'compliant', rule: 'leading_marker' });
    });

    it('flags a marker that is not first, a phrase without a marker, and the company named alone', () => {
      expect(facebook('Nyt job hos os #reklame', strict)).toEqual({
        status: 'non_compliant',
        rule: 'marker_not_first',
        evidence: '"#reklame" is not first',
        language: 'da',
      });
      expect(facebook('Great read 🎉 #ad', strict)).toMatchObject({ rule: 'marker_not_first', language: 'en' });
      expect(facebook('Min kollega hos Nordlys Energi skrev det her', strict)).toMatchObject({
        status: 'non_compliant',
        rule: 'no_leading_marker',
        evidence: '"kollega hos nordlys energi" but no marker first',
      });
      expect(facebook('Nordlys Energi er et fantastisk sted!', strict)).toMatchObject({
        status: 'non_compliant',
        rule: 'no_leading_marker',
        evidence: 'names "nordlys energi" without a disclosing phrase',
      });
      // the headline is not enough in strict mode
      expect(linkedin('Great read on heat pumps', 'Engineer at Nordlys Energi', strict)).toMatchObject({ status: 'non_compliant', rule: 'no_leading_marker' });
      expect(linkedin(null, 'Engineer at Nordlys Energi', strict)).toMatchObject({ status: 'unknown', rule: 'no_text' });
    });
  });

  it("takes the company's own phrases, with {company} standing for the name or an alias", () => {
    const custom: DisclosureRules = { ...normal, phrases: disclosurePhrases(['stolt {company}-medarbejder', '#NordlysTeam', '^Betalt indhold']) };
    expect(facebook('Stolt Nordlys-medarbejder i dag!', custom)).toEqual({
      status: 'compliant',
      rule: 'text_phrase',
      evidence: 'stolt nordlys medarbejder',
      language: 'custom',
    });
    expect(facebook('Ny rapport #nordlysteam', custom)).toMatchObject({ status: 'compliant', rule: 'text_marker', language: 'custom' });
    expect(facebook('Betalt indhold: ny rapport', { ...custom, mode: 'strict' })).toMatchObject({
      status: 'compliant',
      rule: 'leading_marker',
      language: 'custom',
    });
    expect(facebook('Stolt medarbejder i dag!', custom)).toMatchObject({ status: 'non_compliant' });
  });

  it('folds text the way it compares it', () => {
    expect(foldText(`${mathBold('Nordlys')}  👩‍💻 “hej’s”\n\n  Næste`)).toBe("nordlys • “hej's”\nnæste");
  });
});
