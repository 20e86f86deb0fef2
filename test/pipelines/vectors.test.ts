import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyTextBytes, isSet, longTextMemory, STRING_BYTES, textBytes, textLength, vectorMemory } from '../../pipelines/vectors.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';

describe('pipelines/vectors: the memory of DuckDB result vectors', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  it('reads and copies text kept inline (12 bytes or fewer) and text behind a pointer as its UTF-8 bytes, and a null as invalid', async () => {
    const texts: (string | null)[] = [];
    let rows = 0;
    await warehouse.eachChunk(`select * from (values ('A0645'), (null), ('linkedin.impressions'), (''), ('Søren Ærø'), ('Søren Ærøs')) t(v)`, (chunk) => {
      const { data, validity } = vectorMemory(chunk, 0, STRING_BYTES);
      for (let row = 0; row < chunk.rowCount; row += 1) {
        if (validity !== null && !isSet(validity, row)) texts.push(null);
        else texts.push(Buffer.from(textBytes(data, row, textLength(data, row))).toString('utf8'));
      }
      rows += chunk.rowCount;
    });
    expect(rows).toBe(6);
    expect(texts).toEqual(['A0645', null, 'linkedin.impressions', '', 'Søren Ærø', 'Søren Ærøs']);
    expect([Buffer.byteLength('Søren Ærø'), Buffer.byteLength('Søren Ærøs')]).toEqual([12, 13]);
  });

  it('copies long text from a few stretches of memory, wherever a sort left each value, to the bytes of each value read alone', async () => {
    // Sorted by a hash, the values of a vector point all over the sort's string heaps.
    await warehouse.run(
      `create table texts as select i, case when i % 9 = 0 then null when i % 4 = 0 then 'kort ' || i % 10 else 'tekst nummer ' || i || repeat('æ', i % 5) end as v from range(20000) r(i)`,
    );
    let values = 0;
    let stretches = 0;
    let chunks = 0;
    await warehouse.eachChunk(`select v from texts order by hash(i)`, (chunk) => {
      const { data, validity } = vectorMemory(chunk, 0, STRING_BYTES);
      const memory = longTextMemory(data, validity, chunk.rowCount);
      expect(memory).not.toBeNull();
      stretches += memory!.stretches.length;
      chunks += 1;
      for (let row = 0; row < chunk.rowCount; row += 1) {
        if (validity !== null && !isSet(validity, row)) continue;
        const length = textLength(data, row);
        const copied = new Uint8Array(length);
        copyTextBytes(data, row, length, copied, 0, memory);
        expect(Buffer.from(copied).equals(Buffer.from(textBytes(data, row, length)))).toBe(true);
        values += 1;
      }
    });
    expect(values).toBe(20000 - Math.ceil(20000 / 9));
    expect(stretches).toBeGreaterThanOrEqual(chunks);
    expect(stretches).toBeLessThan(values / 20);
    let inlineOnly: ReturnType<typeof longTextMemory> | undefined;
    await warehouse.eachChunk(`select 'A0645' as v`, (chunk) => {
      const { data, validity } = vectorMemory(chunk, 0, STRING_BYTES);
      inlineOnly = longTextMemory(data, validity, chunk.rowCount);
    });
    expect(inlineOnly).toBeNull();
  });

  it('gives fixed-width values as DuckDB lays them out, and no validity when no row is null', async () => {
    const seen: { values: number[]; validity: Uint8Array | null }[] = [];
    await warehouse.eachChunk(`select d::double as d, i::integer as i from (values (1.5, 7), (-0.25, null)) t(d, i)`, (chunk) => {
      const doubles = vectorMemory(chunk, 0, 8);
      const integers = vectorMemory(chunk, 1, 4);
      seen.push({ values: [...new Float64Array(doubles.data.slice().buffer)], validity: doubles.validity });
      seen.push({ values: [new Int32Array(integers.data.slice().buffer)[0]!], validity: integers.validity });
    });
    expect(seen[0]).toEqual({ values: [1.5, -0.25], validity: null });
    expect(seen[1]!.values).toEqual([7]);
    expect([isSet(seen[1]!.validity!, 0), isSet(seen[1]!.validity!, 1)]).toEqual([true, false]);
  });

  it('hands over every chunk of a long result in the order the table holds its rows', async () => {
    await warehouse.run(`create table numbers as select i::integer as i from range(5000) r(i)`);
    const read: number[] = [];
    await warehouse.eachChunk(`select i from numbers`, (chunk) => {
      read.push(...new Int32Array(vectorMemory(chunk, 0, 4).data.slice().buffer));
    });
    expect(read).toEqual(Array.from({ length: 5000 }, (_, index) => index));
  });
});
