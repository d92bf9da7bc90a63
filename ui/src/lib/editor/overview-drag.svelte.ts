// Dragging elements in the overview (see overview.ts), where they are paint rather than
// components: pressing on one takes it, or the selection it belongs to, instead of panning;
// while it moves the overview shows the scene shifted; letting go is one Move, on the grid.

import type { ElementMove } from '../bindings';
import { boxAt, landing, shifted, type Scene } from './overview';

type Point = { x: number; y: number };

/** What the canvas lends a drag. */
export interface DragHost {
  /** Canvas coordinates of a point of the page. */
  toCanvas(point: Point): Point;
  scene(): Scene;
  selected(): ReadonlySet<string>;
  choose(ids: string[]): void;
  move(moves: ElementMove[]): void;
}

export class OverviewDrag {
  #current: { ids: Set<string>; start: Point; dx: number; dy: number } | null = $state(null);
  /** A drag just ended: the click that follows is part of it, not a click on the pane. */
  #dropped = false;

  constructor(
    private readonly host: DragHost,
    private readonly grid: number,
  ) {}

  /** The scene as it looks with the drag in progress. */
  view(scene: Scene): Scene {
    const drag = this.#current;
    return drag ? shifted(scene, drag.ids, drag.dx, drag.dy) : scene;
  }

  /** Takes the element under the press, if there is one; the press then goes no further. */
  grab(event: PointerEvent): void {
    const start = this.host.toCanvas({ x: event.clientX, y: event.clientY });
    const scene = this.host.scene();
    const box = boxAt(scene, start);
    if (!box) return;
    event.stopPropagation();
    event.preventDefault();
    const selected = this.host.selected();
    if (!selected.has(box.id)) this.host.choose([box.id]);
    const ids = new Set(scene.boxes.filter((b) => b.id === box.id || selected.has(b.id)).map((b) => b.id));
    this.#current = { ids, start, dx: 0, dy: 0 };
    window.addEventListener('pointermove', this.#follow);
    window.addEventListener('pointerup', this.#drop, { once: true });
  }

  /** Svelte Flow pans on the mouse press that follows a pointer press: not while dragging. */
  holdMouse = (event: MouseEvent): void => {
    if (this.#current) event.stopPropagation();
  };

  swallowClick = (event: MouseEvent): void => {
    if (this.#dropped) event.stopPropagation();
  };

  #follow = (event: PointerEvent): void => {
    const drag = this.#current;
    if (!drag) return;
    const at = this.host.toCanvas({ x: event.clientX, y: event.clientY });
    this.#current = { ...drag, dx: at.x - drag.start.x, dy: at.y - drag.start.y };
  };

  #drop = (): void => {
    window.removeEventListener('pointermove', this.#follow);
    const done = this.#current;
    this.#current = null;
    if (!done || (done.dx === 0 && done.dy === 0)) return;
    this.#dropped = true;
    setTimeout(() => (this.#dropped = false));
    this.host.move(landing(this.host.scene(), done.ids, done.dx, done.dy, this.grid));
  };
}
