import { describe, expect, it } from 'vitest';
import { COMMAND_DATA } from '../../shared/commands';
import { openObjects } from '../helpers/open-objects';

// Every object a participant can send is closed at every depth: an unknown field anywhere is
// refused at the edge. (An open nested object once let 20,000 nested arrays ride inside a test
// case's expectation into the group commit, where JSON.stringify overflowed the stack.)

describe('closed schemas', () => {
  it.each(Object.entries(COMMAND_DATA))('closes every object of %s at every depth', (_name, schema) => {
    expect(openObjects(schema)).toEqual([]);
  });

  it('finds an open object however deep it is (the check itself)', () => {
    expect(
      openObjects({
        type: 'object',
        additionalProperties: false,
        properties: { a: { type: 'array', items: { anyOf: [{ type: 'object' }] } } },
      }),
    ).toEqual(['#/properties/a/items/anyOf/0']);
  });
});
