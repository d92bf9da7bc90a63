// Alignment guides for a drag on the canvas (see guides.ts). Svelte Flow moves the dragged nodes
// on its grid and reports each step; each time, they are shifted onto any line of a node that
// stays put close enough, and the guides show which. The drag lands where it was last shown.

import type { Node, XYPosition } from '@xyflow/svelte';
import { alignmentOf, snapDistance, type Guide, type Rect } from './guides';

/** What the canvas lends a drag. */
export interface AlignmentHost {
  /** The nodes Svelte Flow draws: in a large model, those not culled. */
  nodes(): readonly Node[];
  /** A node's box on the canvas as Svelte Flow measured it; undefined until it has been. */
  boxOf(id: string): Rect | undefined;
  zoom(): number;
  /** Shows nodes at these positions (relative to the boundary each sits in, as Svelte Flow has them). */
  place(positions: ReadonlyMap<string, XYPosition>): void;
}

/** Kinds of node that can be lined up with: elements and trust boundaries, not layer labels. */
const ALIGNABLE = new Set(['element', 'boundary']);

/** Lines a drag on the canvas up with what stays put; it holds nothing beyond the drag. */
export class AlignmentDrag {
  /** The guides of the drag in progress; none when it lines up with nothing. */
  guides: Guide[] = $state.raw([]);
  /** The boxes of the nodes that stay put, taken when the drag starts. */
  #others: Rect[] = [];

  constructor(
    private readonly host: AlignmentHost,
    private readonly grid: number,
  ) {}

  /** A drag starts: what it can line up with is every drawn node that does not move with it. */
  start = ({ nodes: dragged }: { nodes: Node[] }): void => {
    const drawn = this.host.nodes();
    const moving = movingWith(drawn, dragged);
    this.#others = drawn
      .filter((node) => ALIGNABLE.has(node.type ?? '') && !moving.has(node.id))
      .map((node) => this.host.boxOf(node.id))
      .filter((box) => box !== undefined);
  };

  /** The dragged nodes moved a grid step: they are shown lined up with what they came close to. */
  follow = ({ nodes: dragged }: { nodes: Node[] }): void => {
    const { offset, guides } = this.#align(dragged);
    this.guides = guides;
    if (offset.x !== 0 || offset.y !== 0) this.host.place(shifted(dragged, offset));
  };

  /**
   * The drag ends: the guides go, and the dragged nodes stay lined up. Answers where each landed
   * on the canvas (not relative to its boundary).
   */
  finish(dragged: readonly Node[]): Map<string, XYPosition> {
    const { offset } = this.#align(dragged);
    this.guides = [];
    this.#others = [];
    if (offset.x !== 0 || offset.y !== 0) this.host.place(shifted(dragged, offset));
    return new Map(
      dragged.map((node) => {
        const at = this.#absolute(node);
        return [node.id, { x: at.x + offset.x, y: at.y + offset.y }];
      }),
    );
  }

  /**
   * How far to shift the dragged nodes from where Svelte Flow put them (0 on an axis where they
   * line up with nothing), and the guides that show it.
   */
  #align(dragged: readonly Node[]): { offset: XYPosition; guides: Guide[] } {
    const boxes = dragged.flatMap((node) => {
      const measured = this.host.boxOf(node.id);
      return measured ? [{ ...measured, ...this.#absolute(node) }] : [];
    });
    const { offset, guides } = alignmentOf(boxes, this.#others, snapDistance(this.host.zoom(), this.grid));
    return { offset: { x: offset.x ?? 0, y: offset.y ?? 0 }, guides };
  }

  /**
   * Where Svelte Flow has put a dragged node on the canvas: its reported position within the
   * boundary that holds it, which does not move. (Svelte Flow's own record of a moving node's
   * place may still be the one shown before, lined up.)
   */
  #absolute(node: Node): XYPosition {
    const parent = node.parentId ? this.host.boxOf(node.parentId) : undefined;
    return { x: (parent?.x ?? 0) + node.position.x, y: (parent?.y ?? 0) + node.position.y };
  }
}

/** The dragged nodes' new positions, relative to their boundaries as they were, after a shift. */
function shifted(dragged: readonly Node[], offset: XYPosition): Map<string, XYPosition> {
  return new Map(dragged.map((node) => [node.id, { x: node.position.x + offset.x, y: node.position.y + offset.y }]));
}

/** The ids of the dragged nodes and of everything inside them, which moves along. */
function movingWith(drawn: readonly Node[], dragged: readonly Node[]): Set<string> {
  const parents = new Map(drawn.map((node) => [node.id, node.parentId]));
  const moving = new Set(dragged.map((node) => node.id));
  const inside = (id: string): boolean => {
    const parent = parents.get(id);
    return parent !== undefined && (moving.has(parent) || inside(parent));
  };
  for (const node of drawn) if (inside(node.id)) moving.add(node.id);
  return moving;
}
