// Runs the auto-layout off the page's thread: the window stays responsive, progress is reported,
// and a layout can be cancelled (its worker is stopped; nothing is applied). Small models go to
// ELK's own worker, large ones to ours (see layout.ts).

import type { Model } from '../bindings';
import type { LaidOut } from './fast-layout';
import { fromElkGraph, toElkGraph, usesElk, type Sizes } from './layout';
import type { LayoutMessage, LayoutRequest } from './layout.worker';

export interface RunningLayout {
  /** The layout, or null when it was cancelled. */
  result: Promise<LaidOut | null>;
  cancel(): void;
}

/** Starts laying `model` out; `progress` hears the share done (0 to 1) as the layout tells it. */
export function startLayout(model: Model, sizes: Sizes, progress: (done: number) => void): RunningLayout {
  return usesElk(model) ? startElk(model, sizes, progress) : startLinear(model, sizes, progress);
}

/** A promise with its settling functions, for a result that arrives by message. */
function pending<T>() {
  let settle: (value: T) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const promise = new Promise<T>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  return { promise, settle, fail };
}

function startElk(model: Model, sizes: Sizes, progress: (done: number) => void): RunningLayout {
  const outcome = pending<LaidOut | null>();
  let cancelled = false;
  let stop = () => {};
  void (async () => {
    // The engine and its worker script are loaded the first time they are used.
    const [{ default: ELK }, { default: workerUrl }] = await Promise.all([
      import('elkjs/lib/elk-api.js'),
      import('elkjs/lib/elk-worker.min.js?url'),
    ]);
    if (cancelled) return;
    const elk = new ELK({ workerUrl });
    stop = () => elk.terminateWorker();
    const laidOut = await elk.layout(toElkGraph(model, sizes));
    stop();
    progress(1);
    outcome.settle(fromElkGraph(model, laidOut));
  })().catch((error: unknown) => {
    if (!cancelled) outcome.fail(error instanceof Error ? error : new Error(String(error)));
  });
  return {
    result: outcome.promise,
    cancel() {
      cancelled = true;
      stop();
      outcome.settle(null);
    },
  };
}

function startLinear(model: Model, sizes: Sizes, progress: (done: number) => void): RunningLayout {
  const outcome = pending<LaidOut | null>();
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  const stop = () => worker.terminate();
  worker.onmessage = (event: MessageEvent<LayoutMessage>) => {
    const message = event.data;
    if (message.type === 'progress') return progress(message.done);
    stop();
    if (message.type === 'done') outcome.settle(message.result);
    else outcome.fail(new Error(message.message));
  };
  worker.onerror = (event) => {
    stop();
    outcome.fail(new Error(event.message || 'the layout stopped'));
  };
  // (The snapshot is plain data: it crosses to the worker as a structured copy.)
  worker.postMessage({ model, sizes } satisfies LayoutRequest);
  return {
    result: outcome.promise,
    cancel() {
      stop();
      outcome.settle(null);
    },
  };
}
