// The store for one editor: the latest snapshot from Rust, the catalog, and the message to show.
// It sends edits and renders what comes back; it never changes the model itself.

import { getContext, setContext } from 'svelte';
import { commandForKey, describeAccelerator, type KeyPress } from './keys';
import { contextCommands, type ContextEntry, type ContextTarget } from './context-menu';
import { NODE_SIZE } from './layout';
import { freeOffset, occupied, type Rect } from './placement';

/** How far a paste lands from what was copied, when there is room there. */
const PASTE_STEP = { x: 32, y: 32 };
import type {
  AppCommand, Catalog, CommandInfo, Edit, ExportFormatInfo, ExportRequest, ModelDiff, Reach, ReachDirection, RecoveryOffer, Revision, Sample, Settings, Snapshot,
  SnapshotUpdate,
} from '../bindings';
import { applyUpdate } from './snapshot-update';
import type { Highlight } from './canvas';
import { idsOfKind, indexSnapshot, type SnapshotIndex } from './snapshot-index';
import type { BoundaryId, ElementId, FlowId, ItemId } from '../ids';
import { toggleTwoWay } from './two-way';
import { startLayout } from './layout-runner';
import type { Sizes } from './layout';
import type { LaidOut } from './fast-layout';

/** The commands only the canvas can carry out (it knows sizes and the view). */
export const CANVAS_ACTIONS = [
  'zoomIn', 'zoomOut', 'fit', 'autoLayout', 'bandLayout', 'addBoundary', 'delete', 'alignLeft', 'alignCentre',
  'alignRight', 'alignTop', 'alignMiddle', 'alignBottom', 'distributeHorizontal', 'distributeVertical',
] as const satisfies readonly AppCommand[];

export type CanvasAction = (typeof CANVAS_ACTIONS)[number];

function isCanvasAction(command: AppCommand): command is CanvasAction {
  return (CANVAS_ACTIONS as readonly string[]).includes(command);
}

/** The notice after an export. */
export function exportedMessage(path: string): string {
  return `Exported to ${path}`;
}

/** A dialog of the page's own. */
export type Dialog = 'shortcuts' | 'about' | 'revisions' | 'settings' | 'export';

import type { Backend, Outcome } from './backend';

export class Editor {
  snapshot: Snapshot | null = $state.raw(null);
  /** The snapshot's items and findings by id, for lookups. */
  readonly index: SnapshotIndex = $derived(indexSnapshot(this.snapshot));
  catalog: Catalog | null = $state.raw(null);
  samples: Sample[] = $state.raw([]);
  /** Every command with its label and accelerator, from the app's command table. */
  commands: CommandInfo[] = $state.raw([]);
  #typing = false;
  /** A message for the user: an error (cleared by the user or the next success) or a notice
   *  (see `notify`, it clears itself). */
  message: string | null = $state(null);
  /** Ids of the elements and flows selected on the canvas (view state, not document state). */
  selection: ItemId[] = $state.raw([]);
  /** Elements and flows picked out on the canvas (a chain, a blast radius); the rest is dimmed. */
  highlight: Highlight | null = $state.raw(null);
  /** The layer view: elements arranged in MAESTRO bands, without moving them in the model. */
  bandView = $state(false);
  /** A request for the canvas to select and show these ids; `seq` makes each request new. */
  focusRequest: { ids: ItemId[]; seq: number } | null = $state.raw(null);
  /** A request for something only the canvas can do (it knows sizes and the view). */
  canvasRequest: { action: CanvasAction; seq: number } | null = $state.raw(null);
  /** Unsaved changes that a crashed editor left, offered back at start; the first is asked about. */
  recoveryOffers: RecoveryOffer[] = $state.raw([]);
  /** The dialog shown over the editor, if any. */
  dialog: Dialog | null = $state(null);
  /** The revisions of the model's file, oldest first, as last fetched (for the revisions dialog). */
  revisions: Revision[] = $state.raw([]);
  /** The user's settings, as last fetched (for the settings dialog). */
  settings: Settings | null = $state.raw(null);
  /** The formats File › Export writes, as last fetched (for the export dialog). */
  exportFormats: ExportFormatInfo[] = $state.raw([]);
  /** Whether an export is being written (the dialog shows it and takes no second one). */
  exporting = $state(false);
  /** The file the last export wrote, offered to open or show in its folder. */
  lastExport: string | null = $state(null);
  /** An auto-layout in progress: how many elements, and the share done (0 to 1). */
  layout: { elements: number; done: number } | null = $state(null);
  #cancelLayout: (() => void) | null = null;
  /** The app's context menu, where it was opened and what it offers; null when closed. */
  contextMenu: { x: number; y: number; entries: ContextEntry[] } | null = $state.raw(null);

  readonly #backend: Backend;
  #unlisten: (() => void)[] = [];

  constructor(backend: Backend) {
    this.#backend = backend;
  }

  async start(): Promise<void> {
    const [initial, catalog, samples, commands] = await Promise.all([
      this.#backend.initialState(),
      this.#backend.catalog(),
      this.#backend.samples(),
      this.#backend.commandTable(),
    ]);
    this.commands = commands;
    this.catalog = catalog;
    this.samples = samples;
    await this.#show(initial.snapshot);
    this.message = initial.notice;
    this.recoveryOffers = initial.recovery;
    this.#unlisten.push(await this.#backend.onDocumentChanged((update) => void this.#show(update)));
    this.#unlisten.push(await this.#backend.onActionFailed((e) => this.#showError(e.message)));
    this.#unlisten.push(await this.#backend.onMenuCommand((command) => void this.run(command)));
  }

  /**
   * Whether a text field has focus. While one has, the app's menu leaves the keys that edit text
   * (Delete, Ctrl+A/C/X/V/Z) to it; told only when it changes.
   */
  setTyping(typing: boolean): void {
    if (typing === this.#typing) return;
    this.#typing = typing;
    void this.#backend.setTextFocus(typing);
  }

  /** The command table's row for `command`. */
  info(command: AppCommand): CommandInfo | undefined {
    return this.commands.find((c) => c.command === command);
  }

  /** The shortcut of a command as the user reads it (`Ctrl+Shift+Z`), if it has one. */
  shortcut(command: AppCommand): string | null {
    const accelerator = this.info(command)?.accelerator;
    return accelerator ? describeAccelerator(accelerator) : null;
  }

  /** The tooltip for a command: its label (or `label`) and, if it has one, its shortcut. */
  hint(command: AppCommand, label?: string): string {
    const text = label ?? this.info(command)?.label ?? command;
    const key = this.shortcut(command);
    return key ? `${text} (${key})` : text;
  }

  /**
   * Handles a key press that reached the page: the command the table gives it, if any, runs.
   * `typing` says whether a text field has the focus; it keeps the keys that edit text, and
   * those of commands that act on the diagram. Returns whether the key was used.
   */
  handleKey(press: KeyPress, typing: boolean): boolean {
    const command = commandForKey(press, this.commands, typing);
    if (!command) return false;
    void this.run(command);
    return true;
  }

  /** Runs a command, from the menu, a key, the toolbar or a context menu. */
  async run(command: AppCommand): Promise<boolean> {
    if (this.info(command)?.runs === 'document') return this.#settle(this.#backend.runCommand(command));
    switch (command) {
      case 'copy':
        return this.copy();
      case 'cut':
        return this.cut();
      case 'paste':
        return this.paste();
      case 'duplicate':
        return this.duplicate();
      case 'selectAll':
        this.selectAll();
        return true;
      case 'twoWayFlow':
        return this.toggleTwoWay();
      case 'shortcuts':
      case 'about':
        this.dialog = command;
        return true;
      case 'revisions':
        // The list first: the dialog picks what to compare from it.
        await this.loadRevisions();
        this.dialog = command;
        return true;
      case 'settings':
        this.settings = await this.#backend.settings();
        this.dialog = command;
        return true;
      case 'exportReport':
        if (this.exportFormats.length === 0) this.exportFormats = await this.#backend.exportFormats();
        if (this.settings === null) this.settings = await this.#backend.settings();
        this.dialog = 'export';
        return true;
    }
    if (isCanvasAction(command)) {
      this.requestCanvas(command);
      return true;
    }
    return false;
  }

  /** Opens the context menu at a point of the window for what was right-clicked there. */
  openContextMenu(x: number, y: number, target: ContextTarget): void {
    this.contextMenu = { x, y, entries: contextCommands(target, this.selectedNodes().elements.length) };
  }

  /** Asks the canvas to do `action`. */
  requestCanvas(action: CanvasAction): void {
    this.canvasRequest = { action, seq: (this.canvasRequest?.seq ?? 0) + 1 };
  }

  /** The ids of the selected elements and boundaries. */
  selectedNodes(): { elements: ElementId[]; boundaries: BoundaryId[] } {
    return {
      elements: idsOfKind(this.index, this.selection, 'element'),
      boundaries: idsOfKind(this.index, this.selection, 'boundary'),
    };
  }

  /** The ids of the selected flows. */
  selectedFlows(): FlowId[] {
    return idsOfKind(this.index, this.selection, 'flow');
  }

  /** Makes the selected flows two-way (data both ways, one edge), or one-way if all already are. */
  toggleTwoWay(): Promise<boolean> {
    const flows = this.selectedFlows().flatMap((id) => this.index.flows.get(id) ?? []);
    const edit = toggleTwoWay(flows);
    if (!edit) {
      this.#showError('Select a flow to make it two-way.');
      return Promise.resolve(false);
    }
    return this.edit(edit);
  }

  /**
   * Lays the model out in a worker, showing progress; resolves to the layout, or null when it was
   * cancelled, failed, or the model changed meanwhile (a layout of an older model is not applied).
   */
  async layOut(sizes: Sizes): Promise<LaidOut | null> {
    const snapshot = this.snapshot;
    if (!snapshot || this.layout) return null;
    this.layout = { elements: snapshot.model.elements.length, done: 0 };
    const running = startLayout(snapshot.model, sizes, (done) => {
      if (this.layout) this.layout = { ...this.layout, done };
    });
    this.#cancelLayout = running.cancel;
    try {
      const result = await running.result;
      if (result && this.snapshot?.model !== snapshot.model) {
        this.#showError('The model changed while it was being laid out; nothing was moved. Run Auto layout again.');
        return null;
      }
      return result;
    } catch (error) {
      this.#showError(`The layout failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    } finally {
      this.layout = null;
      this.#cancelLayout = null;
    }
  }

  /** Stops the auto-layout in progress; nothing is moved. */
  cancelLayout(): void {
    this.#cancelLayout?.();
  }

  stop(): void {
    this.#unlisten.forEach((unlisten) => unlisten());
    this.#unlisten = [];
  }

  /** Applies an edit; resolves to whether it was accepted. */
  edit(edit: Edit): Promise<boolean> {
    return this.#settle(this.#backend.applyEdit(edit));
  }

  newFromSample = (id: string) => this.#settle(this.#backend.newFromSample(id));

  /** Where the copied elements were, to paste them clear of everything (the originals too). */
  #copied: Rect[] = [];

  /** Copies the selected elements (and the flows among them) to the app's clipboard. */
  async copy(): Promise<boolean> {
    const ids = this.#selectedElements();
    const outcome = await this.#backend.copySelection(ids);
    if (outcome.status === 'error') {
      this.#showError(outcome.error.message);
      return false;
    }
    this.#copied = this.#boxesOf(ids);
    return true;
  }

  async cut(): Promise<boolean> {
    const ids = this.#selectedElements();
    const boxes = this.#boxesOf(ids);
    const ok = await this.#settle(this.#backend.cutSelection(ids));
    if (ok) this.#copied = boxes;
    return ok;
  }

  /** Pastes the clipboard a step from where it was copied, or the nearest free space to that. */
  paste(): Promise<boolean> {
    const taken = this.snapshot ? occupied(this.snapshot.model, NODE_SIZE) : [];
    const offset = this.#copied.length ? freeOffset(this.#copied, taken, PASTE_STEP) : PASTE_STEP;
    return this.#settle(this.#backend.paste(offset));
  }

  #boxesOf(ids: ElementId[]): Rect[] {
    const chosen = new Set(ids);
    return occupied({ elements: (this.snapshot?.model.elements ?? []).filter((e) => chosen.has(e.id)) }, NODE_SIZE);
  }

  async duplicate(): Promise<boolean> {
    return (await this.copy()) && this.paste();
  }

  selectAll(): void {
    this.focus(this.snapshot?.model.elements.map((e) => e.id) ?? []);
  }

  #selectedElements(): ElementId[] {
    return idsOfKind(this.index, this.selection, 'element');
  }

  /** Selects `ids` on the canvas and brings them into view. */
  focus(ids: ItemId[]): void {
    this.focusRequest = { ids, seq: (this.focusRequest?.seq ?? 0) + 1 };
  }

  /** Lights up what `element` reaches (or what reaches it) and returns the ranked list. */
  async showReach(element: ElementId, name: string, direction: ReachDirection): Promise<Reach | null> {
    const outcome = await this.#backend.reach(element, direction);
    if (outcome.status === 'error') {
      this.#showError(outcome.error.message);
      return null;
    }
    const reach = outcome.data;
    const elements = [element, ...reach.reached.map((r) => r.element)];
    const inside = new Set(elements);
    const flows = (this.snapshot?.model.flows ?? []).filter((f) => inside.has(f.from) && inside.has(f.to)).map((f) => f.id);
    const label =
      direction === 'downstream'
        ? `What "${name}" can reach: ${reach.reached.length} elements`
        : `Who can reach "${name}": ${reach.reached.length} elements`;
    this.highlight = { elements, flows, label };
    return reach;
  }

  clearHighlight(): void {
    this.highlight = null;
  }

  dismissMessage(): void {
    this.message = null;
    this.#messageIsNotice = false;
  }

  /** Whether the message is a passing notice (it clears itself) rather than an error. */
  #messageIsNotice = false;
  #noticeTimer: ReturnType<typeof setTimeout> | null = null;

  #showError(text: string): void {
    this.message = text;
    this.#messageIsNotice = false;
  }

  /** Tells the user something went as asked; the notice clears itself after a few seconds. */
  notify(text: string, seconds = 6): void {
    this.message = text;
    this.#messageIsNotice = true;
    if (this.#noticeTimer) clearTimeout(this.#noticeTimer);
    this.#noticeTimer = setTimeout(() => {
      if (this.message === text) this.dismissMessage();
    }, seconds * 1000);
  }

  /** The revision of the snapshot shown: each update from the app names the one it applies to. */
  #revision: number | null = null;

  /**
   * Renders an update from the app. A patch on another revision than the one shown (an update
   * was missed) is not applied: the whole snapshot is asked for instead.
   */
  async #show(update: SnapshotUpdate): Promise<void> {
    const held = this.snapshot && this.#revision !== null ? { revision: this.#revision, snapshot: this.snapshot } : null;
    let next = applyUpdate(held, update);
    if (!next) next = applyUpdate(null, await this.#backend.wholeSnapshot());
    if (!next) return;
    this.#revision = next.revision;
    this.#render(next.snapshot);
  }

  /** Shows a snapshot. A highlight (a chain, a blast radius) of elements that are no longer all
   *  there is stale, and goes. */
  #render(snapshot: Snapshot): void {
    this.snapshot = snapshot;
    const highlight = this.highlight;
    if (!highlight) return;
    if (!highlight.elements.every((id) => this.index.elements.has(id))) this.highlight = null;
  }

  /** Opens the first recovery offer as the document (unsaved, belonging to its file). */
  async recover(session: string): Promise<boolean> {
    this.recoveryOffers = this.recoveryOffers.filter((o) => o.session !== session);
    const recovered = await this.#settle(this.#backend.recoverCopy(session));
    if (recovered) this.notify('Recovered. Save to keep the changes in the file.');
    return recovered;
  }

  /** Throws a recovery offer away, for good. */
  async discardRecovery(session: string): Promise<void> {
    this.recoveryOffers = this.recoveryOffers.filter((o) => o.session !== session);
    await this.#backend.discardRecoveryCopy(session);
  }

  /** Fetches the file's revisions again (after a save, say). */
  async loadRevisions(): Promise<void> {
    this.revisions = await this.#backend.listRevisions();
  }

  /** What changed between two saved states (`'now'`: the model as it is, unsaved changes
   *  included), or why it cannot be told. */
  async compareRevisions(from: number | 'now', to: number | 'now'): Promise<{ diff: ModelDiff } | { error: string }> {
    const outcome = await this.#backend.revisionDiff(from === 'now' ? null : from, to === 'now' ? null : to);
    return outcome.status === 'ok' ? { diff: outcome.data } : { error: outcome.error.message };
  }

  /** Makes the model what revision `number` saved (one change, undone with Undo). */
  async restoreRevision(number: number): Promise<boolean> {
    const restored = await this.#settle(this.#backend.restoreRevision(number));
    if (restored) {
      this.dialog = null;
      this.notify(`Revision ${number} restored. Save to record it as a new revision; Undo takes it back.`);
    }
    return restored;
  }

  /**
   * Writes an export where the user says (the app asks in its file dialog). Returns why it failed,
   * or null; on success the dialog closes and the notice offers to open the file.
   */
  async exportTo(request: ExportRequest): Promise<string | null> {
    if (this.exporting) return null;
    this.exporting = true;
    try {
      const outcome = await this.#backend.exportTo(request);
      if (outcome.status === 'error') return outcome.error.message;
      if (outcome.data === null) return null;
      this.dialog = null;
      this.lastExport = outcome.data.path;
      this.notify(exportedMessage(outcome.data.path), 12);
      return null;
    } finally {
      this.exporting = false;
    }
  }

  /** Whether the notice shown is the one about the last export (it offers to open it). */
  get showsExport(): boolean {
    return this.lastExport !== null && this.message === exportedMessage(this.lastExport);
  }

  /** Opens the last export, or (`reveal`) its folder. */
  async openLastExport(reveal: boolean): Promise<void> {
    if (!this.lastExport) return;
    const outcome = await this.#backend.openExported(this.lastExport, reveal);
    if (outcome.status === 'error') this.#showError(outcome.error.message);
  }

  /** Checks and keeps the user's settings; returns why they were refused, or null. */
  async saveSettings(settings: Settings): Promise<string | null> {
    const outcome = await this.#backend.setSettings(settings);
    if (outcome.status === 'error') return outcome.error.message;
    this.settings = settings;
    this.dialog = null;
    return null;
  }

  async #settle(pending: Promise<Outcome>): Promise<boolean> {
    let outcome: Outcome;
    try {
      outcome = await pending;
    } catch (error) {
      this.#showError(`Something went wrong: ${String(error)}`);
      return false;
    }
    if (outcome.status === 'ok') {
      await this.#show(outcome.data);
      // An error about an earlier action is stale once something succeeds.
      if (this.message !== null && !this.#messageIsNotice) this.message = null;
      return true;
    }
    this.#showError(outcome.error.message);
    return false;
  }
}

const KEY = Symbol('editor');

export function provideEditor(editor: Editor): Editor {
  return setContext(KEY, editor);
}

export function useEditor(): Editor {
  const editor = getContext<Editor | undefined>(KEY);
  if (!editor) throw new Error('useEditor() called outside an editor');
  return editor;
}
