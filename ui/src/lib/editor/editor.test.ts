import { describe, expect, it } from 'vitest';
import type {
  AppCommand, Catalog, CommandError, CommandInfo, Edit, ElementId, ExportRequest, Model, ReachDirection, RecoveryOffer, Revision, Settings,
  Snapshot, SnapshotUpdate,
} from '../bindings';
import type { Backend, Outcome } from './backend';
import { Editor } from './editor.svelte';
import { asElementId, asFlowId } from '../ids';
import { fixture } from '../testing/fixtures';

function snapshot(name: string): Snapshot {
  return {
    model: { name, elements: [], flows: [] },
    analysis: { layers: [], findings: [], matrix: { rows: [] }, gaps: [] },
    path: null,
    title: `${name} — MAESTRO Studio`,
    dirty: false,
    canUndo: false,
    canRedo: false, revisions: 0,
  };
}

/** The whole of a snapshot as the app sends it, each with a revision of its own. */
let revision = 0;
function whole(name: string): SnapshotUpdate {
  return { type: 'full', revision: ++revision, snapshot: snapshot(name) };
}

class FakeBackend implements Backend {
  edits: Edit[] = [];
  pushed: ((u: SnapshotUpdate) => void)[] = [];
  failed: ((e: CommandError) => void)[] = [];
  next: Outcome = { status: 'ok', data: whole('after') };

  offers: RecoveryOffer[] = [];
  initialState = async () => ({ snapshot: whole('start'), notice: 'could not open x.maestro', recovery: this.offers });
  recovered: string[] = [];
  discarded: string[] = [];
  recoverCopy = async (session: string) => {
    this.recovered.push(session);
    return this.next;
  };
  discardRecoveryCopy = async (session: string) => {
    this.discarded.push(session);
  };
  wholes = 0;
  wholeSnapshot = async () => {
    this.wholes += 1;
    return whole('whole again');
  };
  catalog = async (): Promise<Catalog> => ({
    sources: [], layers: [], properties: [], kinds: [], threats: [], mitigations: [], rules: [], layer_rules: [],
  });
  applyEdit = async (edit: Edit) => {
    this.edits.push(edit);
    return this.next;
  };
  samples = async () => [{ id: 'research-crew', title: 'Research crew' }];
  copied: string[][] = [];
  pasted: { x: number | null; y: number | null }[] = [];
  copySelection = async (ids: string[]) => {
    this.copied.push(ids);
    return { status: 'ok' as const, data: null };
  };
  cutSelection = async (_ids: string[]) => this.next;
  paste = async (offset: { x: number | null; y: number | null }) => {
    this.pasted.push(offset);
    return this.next;
  };
  reach = async (element: ElementId, direction: ReachDirection) => ({
    status: 'ok' as const,
    data: { element, direction, reached: [{ element: asElementId('x'), distance: 1, impact: true }] },
  });
  newFromSample = async (_id: string) => this.next;
  ran: AppCommand[] = [];
  runCommand = async (command: AppCommand) => {
    this.ran.push(command);
    return this.next;
  };
  onDocumentChanged = async (listener: (u: SnapshotUpdate) => void) => {
    this.pushed.push(listener);
    return () => (this.pushed = []);
  };
  onActionFailed = async (listener: (e: CommandError) => void) => {
    this.failed.push(listener);
    return () => (this.failed = []);
  };
  menu: ((command: AppCommand) => void)[] = [];
  onMenuCommand = async (listener: (command: AppCommand) => void) => {
    this.menu.push(listener);
    return () => (this.menu = []);
  };
  typing: boolean[] = [];
  commandTable = async (): Promise<CommandInfo[]> => [];
  setTextFocus = async (typing: boolean) => {
    this.typing.push(typing);
  };
  history: Revision[] = [];
  listRevisions = async () => this.history;
  compared: [number | null, number | null][] = [];
  revisionDiff = async (from: number | null, to: number | null) => {
    this.compared.push([from, to]);
    if (from === 99) return { status: 'error' as const, error: { kind: 'file' as const, message: 'there is no revision 99' } };
    const none = { added: [], removed: [], changed: [] };
    return { status: 'ok' as const, data: { model: ['name'], elements: none, flows: none, boundaries: none, decisions: none } };
  };
  restored: number[] = [];
  restoreRevision = async (number: number) => {
    this.restored.push(number);
    return this.next;
  };
  kept: Settings = { author: 'ada' };
  settings = async () => this.kept;
  setSettings = async (settings: Settings) => {
    if ((settings.author ?? '').includes('\n')) {
      return { status: 'error' as const, error: { kind: 'invalidEdit' as const, message: 'an author name is one line of text' } };
    }
    this.kept = settings;
    return { status: 'ok' as const, data: null };
  };
  exportFormats = async () => [
    { name: 'html', label: 'HTML report', extension: 'html', diagram: false },
    { name: 'svg', label: 'SVG diagram', extension: 'svg', diagram: true },
  ];
  exports: ExportRequest[] = [];
  exportAnswer: string | null = '/tmp/crew diagram.svg';
  exportTo = async (request: ExportRequest) => {
    this.exports.push(request);
    if ((request.scale ?? 1) > 8) return { status: 'error' as const, error: { kind: 'invalidEdit' as const, message: 'a scale is at most 8' } };
    return { status: 'ok' as const, data: this.exportAnswer === null ? null : { path: this.exportAnswer } };
  };
  opened: [string, boolean][] = [];
  openExported = async (path: string, reveal: boolean) => {
    this.opened.push([path, reveal]);
    return { status: 'ok' as const, data: null };
  };
}

describe('Editor', () => {
  it('tells the app when a text field gains or loses focus, once per change', () => {
    const backend = new FakeBackend();
    const editor = new Editor(backend);
    editor.setTyping(true);
    editor.setTyping(true);
    editor.setTyping(false);
    expect(backend.typing).toEqual([true, false]);
  });

  const TABLE: CommandInfo[] = [
    { command: 'save', label: 'Save', accelerator: 'CmdOrCtrl+S', alternates: [], runs: 'document', textKey: false, whileTyping: true },
    { command: 'undo', label: 'Undo', accelerator: 'CmdOrCtrl+Z', alternates: [], runs: 'document', textKey: true, whileTyping: false },
    { command: 'delete', label: 'Delete', accelerator: 'Delete', alternates: ['Backspace'], runs: 'page', textKey: true, whileTyping: false },
    { command: 'duplicate', label: 'Duplicate', accelerator: 'CmdOrCtrl+D', alternates: [], runs: 'page', textKey: false, whileTyping: false },
    { command: 'alignLeft', label: 'Align Left Edges', accelerator: null, alternates: [], runs: 'page', textKey: false, whileTyping: false },
    { command: 'shortcuts', label: 'Keyboard Shortcuts', accelerator: 'F1', alternates: [], runs: 'page', textKey: false, whileTyping: false },
  ];
  const key = (k: string, ctrlKey = false) => ({ key: k, ctrlKey, metaKey: false, shiftKey: false, altKey: false });

  it('words a command with its shortcut from the command table', async () => {
    const backend = new FakeBackend();
    backend.commandTable = async () => TABLE;
    const editor = new Editor(backend);
    await editor.start();
    expect(editor.hint('save')).toBe('Save (Ctrl+S)');
    expect(editor.hint('save', 'Save the model')).toBe('Save the model (Ctrl+S)');
    expect(editor.hint('alignLeft')).toBe('Align Left Edges');
  });

  it('runs document commands in the app and page commands on the page', async () => {
    const backend = new FakeBackend();
    backend.commandTable = async () => TABLE;
    const editor = new Editor(backend);
    await editor.start();
    await editor.run('save');
    expect(backend.ran).toEqual(['save']);
    await editor.run('delete');
    expect(editor.canvasRequest?.action).toBe('delete');
    await editor.run('shortcuts');
    expect(editor.dialog).toBe('shortcuts');
    expect(backend.ran).toEqual(['save']);
  });

  it('gives keys to their commands, except what a focused text field keeps', async () => {
    const backend = new FakeBackend();
    backend.commandTable = async () => TABLE;
    const editor = new Editor(backend);
    await editor.start();
    // Typing: Delete, Ctrl+Z and Ctrl+D are the field's; Ctrl+S still saves.
    expect(editor.handleKey(key('Delete'), true)).toBe(false);
    expect(editor.handleKey(key('z', true), true)).toBe(false);
    expect(editor.handleKey(key('d', true), true)).toBe(false);
    expect(editor.canvasRequest).toBeNull();
    expect(editor.handleKey(key('s', true), true)).toBe(true);
    expect(backend.ran).toEqual(['save']);
    // On the diagram they act.
    expect(editor.handleKey(key('Backspace'), false)).toBe(true);
    expect(editor.canvasRequest?.action).toBe('delete');
    expect(editor.handleKey(key('z', true), false)).toBe(true);
    expect(backend.ran).toEqual(['save', 'undo']);
    expect(editor.handleKey(key('q'), false)).toBe(false);
  });

  it('starts from the initial state and shows its notice', async () => {
    const editor = new Editor(new FakeBackend());
    await editor.start();
    expect(editor.snapshot?.model.name).toBe('start');
    expect(editor.message).toBe('could not open x.maestro');
    expect(editor.samples.map((s) => s.id)).toEqual(['research-crew']);
  });

  it('renders the snapshot an accepted edit returns', async () => {
    const backend = new FakeBackend();
    const editor = new Editor(backend);
    await editor.start();
    const ok = await editor.edit({ type: 'renameModel', name: 'after' });
    expect(ok).toBe(true);
    expect(backend.edits).toEqual([{ type: 'renameModel', name: 'after' }]);
    expect(editor.snapshot?.model.name).toBe('after');
  });

  it('keeps the snapshot and shows the reason when an edit is refused', async () => {
    const backend = new FakeBackend();
    backend.next = { status: 'error', error: { kind: 'invalidEdit', message: 'a name cannot be empty' } };
    const editor = new Editor(backend);
    await editor.start();
    expect(await editor.edit({ type: 'renameModel', name: ' ' })).toBe(false);
    expect(editor.snapshot?.model.name).toBe('start');
    expect(editor.message).toBe('a name cannot be empty');
  });

  it('copies only selected elements and pastes them clear of what is there', async () => {
    const backend = new FakeBackend();
    const editor = new Editor(backend);
    await editor.start();
    editor.snapshot = {
      ...snapshot('s'),
      model: fixture<Model>({ name: 's', elements: [{ id: 'a', kind: 'agent', name: 'A', position: { x: 0, y: 0 } }], flows: [] }),
    };
    editor.selection = [asElementId('a'), asFlowId('flow-9')];
    expect(await editor.copy()).toBe(true);
    await editor.paste();
    await editor.paste();
    expect(backend.copied).toEqual([['a']]);
    // The first paste would land on the original (a box 220 wide at 0,0): it goes clear of it.
    const [first] = backend.pasted;
    expect(Math.abs(first.x ?? 0) >= 220 || Math.abs(first.y ?? 0) >= 64).toBe(true);
  });

  it('clears a stale error on the next success and lets a notice clear itself', async () => {
    const backend = new FakeBackend();
    const editor = new Editor(backend);
    await editor.start();
    backend.next = { status: 'error', error: { kind: 'invalidEdit', message: 'refused' } };
    await editor.edit({ type: 'renameModel', name: ' ' });
    expect(editor.message).toBe('refused');
    backend.next = { status: 'ok', data: whole('after') };
    await editor.edit({ type: 'renameModel', name: 'after' });
    expect(editor.message).toBeNull();
    editor.notify('Recorded', 0.01);
    expect(editor.message).toBe('Recorded');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(editor.message).toBeNull();
  });

  it('drops a highlight once an element on it is gone', async () => {
    const backend = new FakeBackend();
    const editor = new Editor(backend);
    await editor.start();
    const withA = {
      ...snapshot('s'),
      model: fixture<Model>({ name: 's', elements: [{ id: 'a', kind: 'agent', name: 'A', position: { x: 0, y: 0 } }], flows: [] }),
    };
    backend.next = { status: 'ok', data: { type: 'full', revision: ++revision, snapshot: withA } };
    await editor.edit({ type: 'renameModel', name: 's' });
    editor.highlight = { elements: [asElementId('a')], flows: [], label: 'chain' };
    await editor.edit({ type: 'renameModel', name: 's' });
    expect(editor.highlight?.label).toBe('chain');
    backend.next = { status: 'ok', data: whole('empty') };
    await editor.edit({ type: 'delete', elements: [asElementId('a')], flows: [], boundaries: [] });
    expect(editor.highlight).toBeNull();
  });

  it('lights up what an element reaches', async () => {
    const editor = new Editor(new FakeBackend());
    await editor.start();
    const reach = await editor.showReach(asElementId('a'), 'A', 'downstream');
    expect(reach?.reached.length).toBe(1);
    expect(editor.highlight?.elements).toEqual(['a', 'x']);
    editor.clearHighlight();
    expect(editor.highlight).toBeNull();
  });

  it('follows snapshots and failures pushed by menu actions, until stopped', async () => {
    const backend = new FakeBackend();
    const editor = new Editor(backend);
    await editor.start();
    backend.pushed.forEach((l) => l(whole('from menu')));
    expect(editor.snapshot?.model.name).toBe('from menu');
    backend.failed.forEach((l) => l({ kind: 'file', message: 'disk full' }));
    expect(editor.message).toBe('disk full');
    editor.stop();
    expect(backend.pushed).toEqual([]);
  });

  it('applies patches on the revision it shows and asks for the whole when one was missed', async () => {
    const backend = new FakeBackend();
    const editor = new Editor(backend);
    await editor.start();
    const start = revision;
    const none = { changed: [], removed: [], order: null };
    const patch = (name: string) => ({
      name, description: '', elements: none, flows: none, boundaries: none, decisions: none, layers: none, findings: none,
      matrix: { rows: [] }, gaps: [], path: null, title: name, dirty: true, canUndo: true, canRedo: false, revisions: 0,
    });
    backend.next = { status: 'ok', data: { type: 'patch', revision: start + 1, base: start, patch: patch('patched') } };
    await editor.edit({ type: 'renameModel', name: 'patched' });
    expect(editor.snapshot?.model.name).toBe('patched');
    expect(editor.snapshot?.dirty).toBe(true);
    expect(backend.wholes).toBe(0);
    // A patch on a revision it never saw: it asks for everything instead of guessing.
    backend.next = { status: 'ok', data: { type: 'patch', revision: start + 9, base: start + 8, patch: patch('lost') } };
    await editor.edit({ type: 'renameModel', name: 'lost' });
    expect(backend.wholes).toBe(1);
    expect(editor.snapshot?.model.name).toBe('whole again');
  });
});

describe('recovery at start', () => {
  const offer = (session: string): RecoveryOffer => ({
    session, model_name: 'Crew', original: '/m/crew.maestro', copied_at: 1, elements: 2, flows: 1, boundaries: 0, changes: '1 element added',
  });

  it('offers what a crashed editor left and opens it when asked', async () => {
    const backend = new FakeBackend();
    backend.offers = [offer('1-1'), offer('2-2')];
    const editor = new Editor(backend);
    await editor.start();
    expect(editor.recoveryOffers.map((o) => o.session)).toEqual(['1-1', '2-2']);
    expect(await editor.recover('1-1')).toBe(true);
    expect(backend.recovered).toEqual(['1-1']);
    expect(editor.snapshot?.model.name).toBe('after');
    expect(editor.message).toContain('Save to keep the changes');
    await editor.discardRecovery('2-2');
    expect(backend.discarded).toEqual(['2-2']);
    expect(editor.recoveryOffers).toEqual([]);
  });
});

describe('revisions and settings', () => {
  it('lists the revisions, compares two states and restores one', async () => {
    const backend = new FakeBackend();
    backend.history = [
      { number: 1, savedAt: '2026-12-01T09:00:00Z', author: 'Ada', summary: 'First saved: 1 element, 0 flows' },
      { number: 2, savedAt: '2026-12-02T09:00:00Z', author: 'Ada', summary: '1 element added' },
    ];
    const editor = new Editor(backend);
    await editor.start();
    expect(await editor.run('revisions')).toBe(true);
    expect(editor.dialog).toBe('revisions');
    expect(editor.revisions.map((r) => r.number)).toEqual([1, 2]);
    expect(await editor.compareRevisions(1, 'now')).toEqual({ diff: expect.objectContaining({ model: ['name'] }) });
    expect(backend.compared).toEqual([[1, null]]);
    expect(await editor.compareRevisions(99, 1)).toEqual({ error: 'there is no revision 99' });
    expect(await editor.restoreRevision(1)).toBe(true);
    expect(backend.restored).toEqual([1]);
    expect(editor.dialog).toBeNull();
    expect(editor.message).toContain('Revision 1 restored');
  });

  it('shows the settings and keeps them only when they are accepted', async () => {
    const backend = new FakeBackend();
    const editor = new Editor(backend);
    await editor.run('settings');
    expect(editor.dialog).toBe('settings');
    expect(editor.settings).toEqual({ author: 'ada' });
    expect(await editor.saveSettings({ author: 'Ada\nEve' })).toBe('an author name is one line of text');
    expect(editor.dialog).toBe('settings');
    expect(await editor.saveSettings({ author: 'Ada Lovelace' })).toBeNull();
    expect(backend.kept).toEqual({ author: 'Ada Lovelace' });
    expect(editor.dialog).toBeNull();
  });

  it('exports in the chosen format, keeps the dialog on a refusal and offers the file after', async () => {
    const backend = new FakeBackend();
    const editor = new Editor(backend);
    await editor.run('exportReport');
    expect(editor.dialog).toBe('export');
    expect(editor.exportFormats.map((f) => f.name)).toEqual(['html', 'svg']);
    const request = {
      format: 'svg', highlightLayer: null, highlightChain: null, bands: false, scale: 9, legend: true, hide: [],
      organisation: null, author: null,
    };
    expect(await editor.exportTo(request)).toBe('a scale is at most 8');
    expect(editor.dialog).toBe('export');
    expect(editor.showsExport).toBe(false);
    backend.exportAnswer = null;
    expect(await editor.exportTo({ ...request, scale: 1 })).toBeNull();
    expect(editor.dialog).toBe('export');
    backend.exportAnswer = '/tmp/crew diagram.svg';
    expect(await editor.exportTo({ ...request, scale: 1 })).toBeNull();
    expect(editor.dialog).toBeNull();
    expect(editor.exporting).toBe(false);
    expect(editor.message).toBe('Exported to /tmp/crew diagram.svg');
    expect(editor.showsExport).toBe(true);
    await editor.openLastExport(true);
    expect(backend.opened).toEqual([['/tmp/crew diagram.svg', true]]);
  });
});
