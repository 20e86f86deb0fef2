import { describe, expect, it } from 'vitest';
import { removalEffectFacts } from '../../../reports/charts/removal-effects.ts';
import { createFormat } from '../../../reports/format.ts';
import {
  ambassadorModelTitle,
  evidenceSentence,
  modelSpreadTitle,
  removalEffectSentence,
  removalEffectTitle,
  roiByModelSentence,
  roiByModelTitle,
} from '../../../reports/narrative/attribution.ts';
import { martRow } from '../mart-row.ts';

const en = createFormat({ locale: 'en-GB', currency: 'DKK' });
const da = createFormat({ locale: 'da-DK', currency: 'DKK', language: 'da' });

describe('reports/narrative/attribution on small data: never a heading that contradicts its chart', () => {
  it('says the models agree rather than "moves most with the model: from 11 to 11"', () => {
    const facts = { channel: 'Organic Search', low: { model: 'linear', credited: 11 }, high: { model: 'markov', credited: 11.04 }, models: 8, outcomes: 40 };
    expect(modelSpreadTitle(facts, en)).toBe('The models agree: every channel gets the same credit under each of the 8 models');
    expect(modelSpreadTitle(facts, da)).toBe('Modellerne er enige: hver kanal får samme kredit efter alle 8 modeller');
    expect(modelSpreadTitle({ ...facts, high: { model: 'markov', credited: 14 } }, en)).toBe(
      'Organic Search moves most with the model: from 11 (linear) to 14 (markov chain)',
    );
  });

  it('does not say "no outcomes credited to ambassadors yet" above a chart of credited ambassadors whose credit no model changes', () => {
    const title = ambassadorModelTitle({ ambassadors: 5, mostSensitive: null }, en);
    expect(title).toBe('The models agree on the 5 ambassadors shown: each gets the same credit under every model');
    expect(title).not.toMatch(/no outcomes/i);
    expect(ambassadorModelTitle({ ambassadors: 0, mostSensitive: null }, en)).toBe('No outcomes credited to ambassadors yet');
    expect(ambassadorModelTitle({ ambassadors: 5, mostSensitive: { name: 'Åse', low: 2, high: 4 } }, da)).toBe(
      'Åses kredit afhænger mest af modellen: 2 til 4 resultater',
    );
  });

  it('says the ROI is the same under every model rather than "ranges from -22% to -22%"', () => {
    const facts = { measure: 'roi' as const, low: { model: 'first_touch', amount: -0.2201 }, high: { model: 'linear', amount: -0.2199 } };
    expect(roiByModelTitle(facts, en)).toBe(`ROI is ${en.percent(-0.22)} under every model`);
    expect(roiByModelTitle(facts, da)).toBe(`ROI er ${da.percent(-0.22)} efter alle modeller`);
    expect(roiByModelTitle({ ...facts, high: { model: 'linear', amount: 0.1 } }, en)).toMatch(
      /^ROI ranges from .+ \(first touch\) to .+ \(linear\) with the model$/,
    );
  });

  it('says why the Markov chain is missing from the ROI per model, whose chart shows seven of the eight models', () => {
    const facts = { measure: 'roi' as const, low: { model: 'last_touch', amount: 0.29 }, high: { model: 'first_touch', amount: 0.45 } };
    expect(roiByModelSentence(facts, en)).toMatch(
      /^Program to date, with each model’s 90% interval; .+ The Markov chain is not among them: it shares the credit among channels as a whole, with no credit per outcome to value\.$/,
    );
    expect(roiByModelSentence({ ...facts, measure: 'value' }, da)).toMatch(/Markov-kæden er ikke med/);
    expect(roiByModelSentence({ ...facts, low: null }, en)).toBe('There is nothing to compare yet.');
  });

  it('names the outcomes the Markov chain counted (leads and applications) rather than "would lose 80% of conversions"', () => {
    const chain = (outcome_kind: string, removal_effect: number, channel = 'Employee advocacy') =>
      martRow('markov_removal_effects', { granularity: 'program', outcome_kind, channel, removal_effect, share: removal_effect });
    const facts = removalEffectFacts([chain('all', 0.8), chain('all', 0.2, 'Organic Search'), chain('application', 0.9), chain('lead', 0.75)]);
    expect(removalEffectTitle(facts, en)).toBe('Removing Employee advocacy would lose 80% of leads and applications, the most of any channel');
    expect(removalEffectTitle(facts, da)).toBe(`Uden Employee advocacy ville ${da.percent(0.8)} af leads og ansøgninger gå tabt, mest af alle kanaler`);
    expect(removalEffectSentence(facts, en)).toBe(
      'A channel’s removal effect is the share of leads and applications lost when every path through it is cut; across 2 channels, Employee advocacy has the largest, so it gets 80% of the Markov credit.',
    );
    expect(removalEffectTitle(removalEffectFacts([chain('hire', 0.5)]), en)).toBe(
      'Removing Employee advocacy would lose 50% of hires, the most of any channel',
    );
  });
});

describe('reports/narrative/attribution without visit-level data', () => {
  it('says plainly that journeys are unavailable and what the credits rest on', () => {
    const sentence = evidenceSentence({ visits: 0, outcomes: 40, outcomesWithOwnEvidence: 12 }, en);
    expect(sentence).toMatch(/^Journeys are unavailable: no visit-level data/);
    expect(sentence).toContain('12 of 40 outcomes had such evidence; the rest are unattributed.');
    expect(evidenceSentence({ visits: 0, outcomes: 40, outcomesWithOwnEvidence: 12 }, da)).toContain('12 af 40 resultater havde sådanne spor');
  });

  it('says nothing of journeys when there are visits to follow, or no outcomes', () => {
    expect(evidenceSentence({ visits: 65_724, outcomes: 40, outcomesWithOwnEvidence: 12 }, en)).toBeNull();
    expect(evidenceSentence({ visits: 0, outcomes: 0, outcomesWithOwnEvidence: 0 }, en)).toBeNull();
  });
});
