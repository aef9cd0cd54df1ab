/** The compact forms the detection keeps (texts once, few-value sets, short sorts) and tables that render only the rows that fit. */
import { describe, expect, test } from '@jest/globals';
import { addFew, distinctSorted, fewValues, sortTexts, Texts, type Few } from '../src/detection/intern.js';
import { budgetedTable, lazyRows } from '../src/report/html.js';

describe('Texts', () => {
  test('numbers each distinct text once, 0 for null, and gives back the first copy', () => {
    const texts = new Texts();
    const first = ['us-', 'east-1'].join('');
    expect(texts.id(null)).toBe(0);
    expect(texts.id(first)).toBe(1);
    expect(texts.id('us-east-1')).toBe(1);
    expect(texts.id('eu-west-1')).toBe(2);
    expect(texts.value(0)).toBeNull();
    expect(texts.value(2)).toBe('eu-west-1');
    expect(texts.text(['us-east', '-1'].join(''))).toBe(first);
  });
});

describe('Few', () => {
  test('empty, one value, then a Set; values in insertion order', () => {
    let few: Few<string> = undefined;
    expect(fewValues(few)).toEqual([]);
    few = addFew(few, 'b');
    expect(few).toBe('b');
    few = addFew(few, 'b');
    expect(few).toBe('b');
    few = addFew(few, 'a');
    expect(few).toBeInstanceOf(Set);
    few = addFew(few, 'b');
    expect(fewValues(few)).toEqual(['b', 'a']);
  });
});

describe('sortTexts and distinctSorted', () => {
  const samples = [[], ['a'], ['b', 'a'], ['b', 'a', 'b', ''], ['é', 'e', 'Z', 'z', '10', '9', '\u{1F600}', '\uFFFF'], Array.from({ length: 40 }, (_, i) => `k${(i * 7919) % 40}`)];
  test.each(samples.map((s) => [s]))('sortTexts(%j) equals Array#sort', (values) => {
    expect(sortTexts([...values])).toEqual([...values].sort());
  });
  test('distinctSorted drops nulls and repeats', () => {
    expect(distinctSorted(['b', null, 'a', 'b', null])).toEqual(['a', 'b']);
    expect(distinctSorted([null])).toEqual([]);
  });
});

describe('lazy table rows', () => {
  test('renders only the rows that fit, and counts the rest like an array of rows', () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    let rendered = 0;
    const rows = lazyRows(items, (i) => {
      rendered++;
      return [String(i), 'x'.repeat(50)];
    });
    const more = (n: number) => `${n} more`;
    const lazy = budgetedTable(['n', 'x'], rows, 2_000, more);
    const eager = budgetedTable(['n', 'x'], items.map((i) => [String(i), 'x'.repeat(50)]), 2_000, more);
    expect(lazy).toBe(eager);
    expect(lazy).toContain('more');
    expect(rendered).toBeLessThan(40);
  });
});
