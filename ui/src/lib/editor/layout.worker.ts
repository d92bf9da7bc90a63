// The worker of the layout for large models: lays a model out off the page's thread, telling its
// progress. (ELK has a worker of its own.) Messages in: `LayoutRequest`; out: `LayoutMessage`.

import { NODE_SIZE, type Sizes } from './layout';
import { fastLayout, type LaidOut } from './fast-layout';
import type { Model } from '../bindings';

export interface LayoutRequest {
  model: Model;
  sizes: Sizes;
}

export type LayoutMessage =
  | { type: 'progress'; done: number }
  | { type: 'done'; result: LaidOut }
  | { type: 'failed'; message: string };

const post = (message: LayoutMessage) => self.postMessage(message);

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  try {
    const result = fastLayout(event.data.model, event.data.sizes, NODE_SIZE, (done) => post({ type: 'progress', done }));
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'failed', message: String(error) });
  }
};
