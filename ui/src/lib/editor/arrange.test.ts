import { describe, expect, it } from 'vitest';
import { align, distribute, type Box } from './arrange';
import { fixture } from '../testing/fixtures';

const boxes = fixture<Box[]>([
  { id: 'a', x: 0, y: 0, width: 100, height: 40 },
  { id: 'b', x: 300, y: 50, width: 200, height: 60 },
  { id: 'c', x: 120, y: 200, width: 100, height: 40 },
]);

describe('align', () => {
  it('lines boxes up on the group edge and moves only those that change', () => {
    expect(align(boxes, 'left')).toEqual([
      { id: 'b', position: { x: 0, y: 50 } },
      { id: 'c', position: { x: 0, y: 200 } },
    ]);
    expect(align(boxes, 'right').map((m) => m.position.x! + boxes.find((b) => b.id === m.id)!.width)).toEqual([500, 500]);
    expect(align(boxes, 'top').every((m) => m.position.y === 0)).toBe(true);
    expect(align(boxes, 'middle').map((m) => m.position.y)).toEqual([100, 90, 100]);
    expect(align(boxes, 'centre').map((m) => m.position.x)).toEqual([200, 150, 200]);
  });

  it('needs two boxes', () => {
    expect(align([boxes[0]], 'left')).toEqual([]);
  });
});

describe('distribute', () => {
  it('spaces boxes evenly between the outermost two', () => {
    // Horizontally: a ends at 100, b starts at 300 and ends at 500; c (100 wide) goes in between with equal gaps.
    expect(distribute(boxes, 'horizontal')).toEqual([{ id: 'c', position: { x: 150, y: 200 } }]);
    expect(distribute(boxes, 'vertical')).toEqual([{ id: 'b', position: { x: 300, y: 90 } }]);
  });

  it('needs three boxes', () => {
    expect(distribute(boxes.slice(0, 2), 'horizontal')).toEqual([]);
  });
});
