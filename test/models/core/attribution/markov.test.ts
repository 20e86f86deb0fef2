import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONVERSION,
  NULL_STATE,
  START,
  STATE_SEPARATOR,
  markovRemovalEffects,
  transitionsFromPaths,
  type Transition,
} from '../../../../models/core/attribution/markov.ts';
import { mulberry32 } from '../../../../models/lib/statistics/random.ts';

type Path = { channels: string[]; conversions?: number; nulls?: number };

function effects(paths: Path[], order = 1, options = {}) {
  const result = markovRemovalEffects(transitionsFromPaths(paths, order), options);
  return {
    pConversion: result.pConversion,
    method: result.method,
    removal: Object.fromEntries(result.channels.map((channel) => [channel.channel, channel.removalEffect])),
    share: Object.fromEntries(result.channels.map((channel) => [channel.channel, channel.share])),
    without: Object.fromEntries(result.channels.map((channel) => [channel.channel, channel.pConversionWithout])),
  };
}

/**
 * An independent reference: the absorbing chain as a dense matrix (self-loops kept),
 * P(conv) by Gaussian elimination, and each channel removed by zeroing the columns of
 * its states and solving again.
 */
function reference(transitions: Transition[], channelOf = (state: string) => state.slice(state.lastIndexOf(STATE_SEPARATOR) + 1)) {
  const names = [START];
  for (const { from, to } of transitions) {
    for (const state of [from, to]) if (state !== CONVERSION && state !== NULL_STATE && !names.includes(state)) names.push(state);
  }
  const n = names.length;
  const totals = new Array<number>(n).fill(0);
  for (const { from, count } of transitions) totals[names.indexOf(from)]! += count;
  const solveFor = (removed: Set<string>) => {
    // (I - Q) b = r, with transitions into removed states going to null
    const a = Array.from({ length: n }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === j ? 1 : 0)));
    for (const { from, to, count } of transitions) {
      const i = names.indexOf(from);
      const p = count / totals[i]!;
      if (to === CONVERSION) a[i]![n]! += p;
      else if (to !== NULL_STATE && !removed.has(to)) a[i]![names.indexOf(to)]! -= p;
    }
    for (let c = 0; c < n; c += 1) {
      let pivot = c;
      for (let r = c + 1; r < n; r += 1) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
      [a[c], a[pivot]] = [a[pivot]!, a[c]!];
      for (let r = 0; r < n; r += 1) {
        if (r === c) continue;
        const f = a[r]![c]! / a[c]![c]!;
        for (let k = c; k <= n; k += 1) a[r]![k]! -= f * a[c]![k]!;
      }
    }
    return a[0]![n]! / a[0]![0]!;
  };
  const pConversion = solveFor(new Set());
  const channels = [...new Set(names.slice(1).map(channelOf))].sort();
  const removal: Record<string, number> = {};
  for (const channel of channels) {
    const without = solveFor(new Set(names.slice(1).filter((state) => channelOf(state) === channel)));
    removal[channel] = 1 - without / pConversion;
  }
  return { pConversion, removal };
}

const channelName = fc.constantFrom('A1', 'A2', 'A3', 'A4', 'Email', 'Direct', 'Organic Search', 'Paid Search');
const pathsArbitrary = fc
  .array(
    fc.record({
      channels: fc.array(channelName, { minLength: 1, maxLength: 6 }),
      conversions: fc.nat({ max: 3 }),
      nulls: fc.nat({ max: 4 }),
    }),
    { minLength: 1, maxLength: 25 },
  )
  .filter((paths) => paths.some((path) => path.conversions > 0));

describe('models/core/attribution/markov', () => {
  it('reproduces Puzyrov (2019), "Markov Chain Attribution – Simple Explanation Of Removal Effect" (serhiipuzyrov.com)', () => {
    // Google Ads alone 2 conversions, mailing 1, Google Ads > mailing 1, Google Ads 1 null.
    const result = effects([
      { channels: ['google ads'], conversions: 2, nulls: 1 },
      { channels: ['mailing'], conversions: 1 },
      { channels: ['google ads', 'mailing'], conversions: 1 },
    ]);
    // start > google ads 0.8, start > mailing 0.2; google ads > conv 0.5, > mailing 0.25, > null 0.25; mailing > conv 1
    expect(result.pConversion).toBeCloseTo(0.8, 12);
    expect(result.without).toEqual({ 'google ads': expect.closeTo(0.2, 12), mailing: expect.closeTo(0.4, 12) });
    expect(result.removal).toEqual({ 'google ads': expect.closeTo(0.75, 12), mailing: expect.closeTo(0.5, 12) });
    // 4 conversions split 0.75 : 0.5, i.e. 2.4 and 1.6
    expect(4 * result.share['google ads']!).toBeCloseTo(2.4, 12);
    expect(4 * result.share.mailing!).toBeCloseTo(1.6, 12);
  });

  it('reproduces the three-path example of Bryl (2016), "Marketing Multi-Channel Attribution model with R (part 1: Markov chains concept)" (analyzecore.com)', () => {
    // C1 > C2 > C3 > conversion, C1 > null, C2 > C3 > null (the post's paths as we read them;
    // the stored copy we could search shows only its introduction, so the inputs are from the post, the numbers ours)
    const result = effects([
      { channels: ['C1', 'C2', 'C3'], conversions: 1 },
      { channels: ['C1'], nulls: 1 },
      { channels: ['C2', 'C3'], nulls: 1 },
    ]);
    expect(result.pConversion).toBeCloseTo(1 / 3, 12);
    expect(result.removal).toEqual({ C1: expect.closeTo(0.5, 12), C2: expect.closeTo(1, 12), C3: expect.closeTo(1, 12) });
    expect(result.share).toEqual({ C1: expect.closeTo(0.2, 12), C2: expect.closeTo(0.4, 12), C3: expect.closeTo(0.4, 12) });
  });

  it('gives a single channel everything', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ length: fc.integer({ min: 1, max: 5 }), conversions: fc.integer({ min: 1, max: 3 }), nulls: fc.nat({ max: 3 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        (paths) => {
          const result = effects(
            paths.map((path) => ({ channels: new Array<string>(path.length).fill('A1'), conversions: path.conversions, nulls: path.nulls })),
          );
          expect(result.share).toEqual({ A1: 1 });
          expect(result.removal).toEqual({ A1: 1 });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('ignores repeated touches of a channel in a row at first order (self-loops change no absorption)', () => {
    const repeated = effects([
      { channels: ['A1', 'A1', 'Email', 'Email', 'Email'], conversions: 1 },
      { channels: ['Email', 'A1', 'A1'], nulls: 2 },
      { channels: ['A1'], conversions: 1, nulls: 1 },
    ]);
    const collapsed = effects([
      { channels: ['A1', 'Email'], conversions: 1 },
      { channels: ['Email', 'A1'], nulls: 2 },
      { channels: ['A1'], conversions: 1, nulls: 1 },
    ]);
    expect(repeated.pConversion).toBeCloseTo(collapsed.pConversion, 12);
    for (const channel of ['A1', 'Email']) expect(repeated.removal[channel]).toBeCloseTo(collapsed.removal[channel]!, 12);
  });

  it('handles a cycle between channels (A1 > Email > A1) exactly', () => {
    // start>A1 3/4, start>Email 1/4; A1>Email 1/2, A1>conv 1/2; Email>A1 1/3, Email>null 2/3
    const result = effects([
      { channels: ['A1', 'Email', 'A1'], conversions: 1 },
      { channels: ['Email'], nulls: 1 },
      { channels: ['A1', 'Email'], nulls: 1 },
      { channels: ['A1'], conversions: 1 },
    ]);
    // p(A1) = 1/2 + 1/2 p(Email), p(Email) = 1/3 p(A1) => p(A1) = 3/5, p(Email) = 1/5
    // P = 3/4 * 3/5 + 1/4 * 1/5 = 1/2. Without Email: 3/4 * 1/2 = 3/8; without A1: 0.
    expect(result.pConversion).toBeCloseTo(1 / 2, 12);
    expect(result.without.Email).toBeCloseTo(3 / 8, 12);
    expect(result.removal.Email).toBeCloseTo(1 / 4, 12);
    expect(result.removal.A1).toBeCloseTo(1, 12);
  });

  it('at second order removes every state ending in a channel', () => {
    const paths = [
      { channels: ['A1', 'Email', 'A1'], conversions: 2 },
      { channels: ['Email', 'A1'], nulls: 1, conversions: 1 },
      { channels: ['Email'], nulls: 3 },
    ];
    const transitions = transitionsFromPaths(paths, 2);
    expect(transitions).toContainEqual({ from: `A1${STATE_SEPARATOR}Email`, to: `Email${STATE_SEPARATOR}A1`, count: 2 });
    const result = markovRemovalEffects(transitions);
    expect(result.method).toBe('per_channel');
    const expected = reference(transitions);
    expect(result.pConversion).toBeCloseTo(expected.pConversion, 12);
    for (const channel of result.channels) expect(channel.removalEffect).toBeCloseTo(expected.removal[channel.channel]!, 12);
    // Email is on every converting path's way at second order as well: without it only A1 > conv paths remain
    // start>A1 (2 of 7) > (A1,Email) ... removed; start>Email removed => P(conv without Email) = 0
    expect(result.channels.find((channel) => channel.channel === 'Email')!.removalEffect).toBeCloseTo(1, 12);
  });

  it('agrees with one dense solve per channel on random journeys, on the dense, Schur and iterative paths', () => {
    fc.assert(
      fc.property(pathsArbitrary, fc.constantFrom(1, 2), (paths, order) => {
        const transitions = transitionsFromPaths(paths, order);
        const expected = reference(transitions);
        for (const options of [{}, { denseLimit: 1, hubs: 1 }, { denseLimit: 2, hubs: 2 }, { denseLimit: 3, hubs: 3 }]) {
          const result = markovRemovalEffects(transitions, options);
          expect(result.pConversion).toBeCloseTo(expected.pConversion, 10);
          for (const channel of result.channels) expect(channel.removalEffect).toBeCloseTo(expected.removal[channel.channel]!, 9);
          const shares = result.channels.reduce((sum, channel) => sum + channel.share, 0);
          expect(shares).toBeCloseTo(1, 12);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('relabelling channels relabels the removal effects', () => {
    fc.assert(
      fc.property(pathsArbitrary, (paths) => {
        const rename = (channel: string) => `x-${channel.split('').reverse().join('')}`;
        const original = effects(paths);
        const renamed = effects(paths.map((path) => ({ ...path, channels: path.channels.map(rename) })));
        expect(renamed.pConversion).toBeCloseTo(original.pConversion, 12);
        for (const [channel, share] of Object.entries(original.share)) expect(renamed.share[rename(channel)]).toBeCloseTo(share, 12);
      }),
      { numRuns: 50 },
    );
  });

  it('scales to thousands of ambassador states around hub channels', () => {
    // 1,500 ambassadors, each journey one ambassador with hub touches around it, some
    // handing over to a second ambassador: one large strongly connected component.
    const hubs = ['Direct', 'Organic Search', 'Email', 'Paid Search', 'Referral'];
    const random = mulberry32(7);
    const paths: Path[] = [];
    for (let journey = 0; journey < 30_000; journey += 1) {
      const ambassador = `A${Math.floor(random() * 1500)}`;
      const channels = [ambassador];
      for (let touch = Math.floor(random() * 4); touch > 0; touch -= 1) {
        const next = random() < 0.05 ? `A${Math.floor(random() * 1500)}` : hubs[Math.floor(random() * hubs.length)]!;
        if (random() < 0.5) channels.push(next);
        else channels.unshift(next);
      }
      paths.push(random() < 0.03 ? { channels, conversions: 1 } : { channels, nulls: 1 });
    }
    const transitions = transitionsFromPaths(paths);
    const started = performance.now();
    const result = markovRemovalEffects(transitions);
    const elapsed = performance.now() - started;
    expect(result.channels).toHaveLength(new Set(paths.flatMap((path) => path.channels)).size);
    expect(result.channels.reduce((sum, channel) => sum + channel.share, 0)).toBeCloseTo(1, 10);
    expect(elapsed).toBeLessThan(20_000);
    // Spot-check a few channels against removing them outright.
    const small = markovRemovalEffects(transitions, { denseLimit: 1, hubs: 5 });
    for (const channel of ['A17', 'Direct', 'Email']) {
      const fast = result.channels.find((one) => one.channel === channel)!;
      const other = small.channels.find((one) => one.channel === channel)!;
      expect(fast.removalEffect).toBeCloseTo(other.removalEffect, 9);
    }
  });
});
