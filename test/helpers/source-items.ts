import { isSourceGap, type SourceGap, type SourceObject } from '../../src/sources/types.js';

/** The object a source yielded, failing the test when it yielded a gap (a part it could not list) instead. */
export function asObject(item: SourceObject | SourceGap): SourceObject {
  if (isSourceGap(item)) throw new Error(`expected an object, got a gap: ${item.name}: ${item.error}`);
  return item;
}
