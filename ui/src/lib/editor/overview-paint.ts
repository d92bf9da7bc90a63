// Painting a scene (see overview.ts) through a 2D canvas context: the overview of a large
// model, what the components leave out when zoomed in, and the minimap. Pure apart from the
// context it is handed, so tests paint into a recorder.

import type { Severity } from '../bindings';
import { NODE_SIZE } from './layout';
import { controls, flowBounds, overlaps, viewRect, type Scene, type SceneFlow, type Viewport } from './overview';

/** The colours the overview paints with, taken from the page's theme. */
export interface Colours {
  surface: string;
  border: string;
  text: string;
  flow: string;
  crossing: string;
  path: string;
  selected: string;
  severity: Record<Severity, string>;
}

/** The subset of a 2D canvas context the overview draws with. */
export type Painter = Pick<
  CanvasRenderingContext2D,
  | 'setTransform'
  | 'clearRect'
  | 'beginPath'
  | 'moveTo'
  | 'bezierCurveTo'
  | 'stroke'
  | 'fillRect'
  | 'strokeRect'
  | 'fillText'
  | 'setLineDash'
  | 'arc'
  | 'fill'
> & {
  strokeStyle: string | CanvasGradient | CanvasPattern;
  fillStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textBaseline: CanvasTextBaseline;
};

/** Below this height on screen a box is drawn as a plain block of its layer's colour. */
const BLOCK_BELOW_HEIGHT = 10;
/** Below this height on screen a box has no room for its name. */
const NAME_MIN_HEIGHT = 16;
const NAME_FONT_PX = 11;

/**
 * Paints the scene as seen through `viewport` into a pane of `pane` CSS pixels (`ratio` device
 * pixels each), with the `selected` elements and flows outlined. Only what is in view is painted.
 * Zoomed in, `components` are the elements drawn as components over the painting: they, and
 * the flows between them, are left out. Returns how many boxes were painted.
 */
export function paintScene(
  painter: Painter,
  scene: Scene,
  selected: ReadonlySet<string>,
  viewport: Viewport,
  pane: { width: number; height: number },
  ratio: number,
  colours: Colours,
  components: ReadonlySet<string> = new Set(),
): number {
  const view = viewRect(viewport, pane);
  const { zoom } = viewport;
  painter.setTransform(ratio, 0, 0, ratio, 0, 0);
  painter.clearRect(0, 0, pane.width, pane.height);
  // Canvas coordinates from here on; line widths are divided by the zoom to stay in screen pixels.
  painter.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * viewport.x, ratio * viewport.y);

  const drawsItself = (flow: SceneFlow) => components.has(flow.ends[0]) && components.has(flow.ends[1]);
  const flowsInView = scene.flows.filter((flow) => !drawsItself(flow) && overlaps(flowBounds(flow), view));
  const strokeFlows = (which: (flow: SceneFlow) => boolean, colour: string, width: number, dash: number[], alpha: number) => {
    const chosen = flowsInView.filter(which);
    if (chosen.length === 0) return;
    painter.beginPath();
    for (const flow of chosen) {
      const [c1, c2] = controls(flow);
      painter.moveTo(flow.from.x, flow.from.y);
      painter.bezierCurveTo(c1.x, c1.y, c2.x, c2.y, flow.to.x, flow.to.y);
    }
    painter.globalAlpha = alpha;
    painter.strokeStyle = colour;
    painter.lineWidth = width / zoom;
    painter.setLineDash(dash.map((n) => n / zoom));
    painter.stroke();
  };
  strokeFlows((f) => f.dimmed && !f.crossing, colours.flow, 1, [], 0.25);
  strokeFlows((f) => f.dimmed && f.crossing, colours.crossing, 1, [4, 3], 0.25);
  strokeFlows((f) => !f.dimmed && !f.crossing, colours.flow, 1, [], 1);
  strokeFlows((f) => !f.dimmed && f.crossing, colours.crossing, 1.5, [4, 3], 1);
  strokeFlows((f) => f.onPath, colours.path, 2.5, [], 1);
  strokeFlows((f) => selected.has(f.id), colours.selected, 2.5, [], 1);
  painter.setLineDash([]);

  const boxesInView = scene.boxes.filter((box) => !components.has(box.id) && overlaps(box, view));
  // Far out an element is a block in its layer's colour; nearer, a card with a coloured top edge.
  const blocks = NODE_SIZE.height * zoom < BLOCK_BELOW_HEIGHT;
  const band = Math.max(3, 2 / zoom);
  for (const box of boxesInView) {
    painter.globalAlpha = box.dimmed ? 0.3 : 1;
    if (blocks) {
      painter.fillStyle = box.colour;
      painter.fillRect(box.x, box.y, box.width, box.height);
      continue;
    }
    painter.fillStyle = colours.surface;
    painter.fillRect(box.x, box.y, box.width, box.height);
    painter.strokeStyle = colours.border;
    painter.lineWidth = 1 / zoom;
    painter.strokeRect(box.x, box.y, box.width, box.height);
    painter.fillStyle = box.colour;
    painter.fillRect(box.x, box.y, box.width, Math.min(band, box.height));
  }
  // Open findings as a dot on the corner, where the detailed canvas shows their count.
  for (const box of boxesInView) {
    if (!box.severity || box.dimmed) continue;
    painter.globalAlpha = 1;
    painter.fillStyle = colours.severity[box.severity];
    painter.beginPath();
    painter.arc(box.x + box.width, box.y, Math.max(9, 2 / zoom), 0, Math.PI * 2);
    painter.fill();
  }
  for (const box of boxesInView) {
    const chosen = selected.has(box.id);
    if (!chosen && !box.onPath) continue;
    painter.globalAlpha = 1;
    painter.strokeStyle = chosen ? colours.selected : colours.path;
    painter.lineWidth = 2.5 / zoom;
    painter.strokeRect(box.x - 3 / zoom, box.y - 3 / zoom, box.width + 6 / zoom, box.height + 6 / zoom);
  }

  // Names in screen pixels, once a box is tall enough on screen to hold one.
  if (NODE_SIZE.height * zoom >= NAME_MIN_HEIGHT) {
    painter.setTransform(ratio, 0, 0, ratio, 0, 0);
    painter.font = `600 ${NAME_FONT_PX}px 'DejaVu Sans', system-ui, sans-serif`;
    painter.textBaseline = 'middle';
    for (const box of boxesInView) {
      const left = box.x * zoom + viewport.x + 4;
      const room = box.width * zoom - 8;
      const fits = Math.floor(room / (NAME_FONT_PX * 0.62));
      if (fits < 3) continue;
      painter.globalAlpha = box.dimmed ? 0.3 : 1;
      painter.fillStyle = colours.text;
      const name = box.name.length > fits ? `${box.name.slice(0, fits - 1)}…` : box.name;
      painter.fillText(name, left, (box.y + box.height / 2) * zoom + viewport.y + 1);
    }
  }
  painter.globalAlpha = 1;
  return boxesInView.length;
}
