// What the editor needs from the app. The Tauri implementation lives in ../tauri-backend.ts; tests
// use an in-memory fake. Every document change returns an update of the snapshot (after the
// first, only what changed): the UI keeps no model of its own.

import type {
  AppCommand, Catalog, CommandError, CommandInfo, Edit, ElementId, ExportFormatInfo, ExportRequest, Exported, InitialState, ModelDiff,
  Position, Reach, ReachDirection, Revision, Sample, Settings, SnapshotUpdate,
} from '../bindings';

export type Outcome = { status: 'ok'; data: SnapshotUpdate } | { status: 'error'; error: CommandError };

export interface Backend {
  initialState(): Promise<InitialState>;
  /** The whole document again, for an editor that missed an update. */
  wholeSnapshot(): Promise<SnapshotUpdate>;
  catalog(): Promise<Catalog>;
  samples(): Promise<Sample[]>;
  reach(element: ElementId, direction: ReachDirection): Promise<{ status: 'ok'; data: Reach } | { status: 'error'; error: CommandError }>;
  newFromSample(id: string): Promise<Outcome>;
  applyEdit(edit: Edit): Promise<Outcome>;
  copySelection(ids: string[]): Promise<{ status: 'ok'; data: null } | { status: 'error'; error: CommandError }>;
  cutSelection(ids: string[]): Promise<Outcome>;
  paste(offset: Position): Promise<Outcome>;
  /** Runs a command that acts on the document (save, undo, open, export…) as its menu item does. */
  runCommand(command: AppCommand): Promise<Outcome>;
  /** Updates pushed by the app (menu actions). Returns a function that stops listening. */
  onDocumentChanged(listener: (update: SnapshotUpdate) => void): Promise<() => void>;
  onActionFailed(listener: (error: CommandError) => void): Promise<() => void>;
  /** Commands from the native menu that act on the canvas or the selection (copy, zoom…). */
  onMenuCommand(listener: (command: AppCommand) => void): Promise<() => void>;
  /** Every command with its label and accelerator. */
  commandTable(): Promise<CommandInfo[]>;
  /** Tells the app whether a text field has focus, so the menu leaves text keys to it. */
  setTextFocus(typing: boolean): Promise<void>;
  /** Opens the recovery copy a crashed editor left, as the (unsaved) document. */
  recoverCopy(session: string): Promise<Outcome>;
  /** Throws a recovery copy away. */
  discardRecoveryCopy(session: string): Promise<void>;
  /** The revisions of the open model's file, oldest first. */
  listRevisions(): Promise<Revision[]>;
  /** What changed between two revisions (`null`: the model as it is now). */
  revisionDiff(from: number | null, to: number | null): Promise<{ status: 'ok'; data: ModelDiff } | { status: 'error'; error: CommandError }>;
  /** Makes the model what a revision saved, as one change that can be undone. */
  restoreRevision(number: number): Promise<Outcome>;
  settings(): Promise<Settings>;
  setSettings(settings: Settings): Promise<{ status: 'ok'; data: null } | { status: 'error'; error: CommandError }>;
  /** The formats File › Export writes (the report crate's list). */
  exportFormats(): Promise<ExportFormatInfo[]>;
  /** Asks where to write, then writes; `null` data when the user cancelled. */
  exportTo(request: ExportRequest): Promise<{ status: 'ok'; data: Exported | null } | { status: 'error'; error: CommandError }>;
  /** Opens an exported file, or (`reveal`) its folder. */
  openExported(path: string, reveal: boolean): Promise<{ status: 'ok'; data: null } | { status: 'error'; error: CommandError }>;
}
