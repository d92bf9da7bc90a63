// What the editor needs from the app. The Tauri implementation lives in ../tauri-backend.ts; tests
// use an in-memory fake. Every document change returns the new snapshot: the UI keeps no model.

import type { AppCommand, Catalog, CommandError, CommandInfo, Edit, InitialState, Position, Reach, ReachDirection, Sample, Snapshot } from '../bindings';

export type Outcome = { status: 'ok'; data: Snapshot } | { status: 'error'; error: CommandError };

export interface Backend {
  initialState(): Promise<InitialState>;
  catalog(): Promise<Catalog>;
  samples(): Promise<Sample[]>;
  reach(element: string, direction: ReachDirection): Promise<{ status: 'ok'; data: Reach } | { status: 'error'; error: CommandError }>;
  newFromSample(id: string): Promise<Outcome>;
  applyEdit(edit: Edit): Promise<Outcome>;
  copySelection(ids: string[]): Promise<{ status: 'ok'; data: null } | { status: 'error'; error: CommandError }>;
  cutSelection(ids: string[]): Promise<Outcome>;
  paste(offset: Position): Promise<Outcome>;
  /** Runs a command that acts on the document (save, undo, open, export…) as its menu item does. */
  runCommand(command: AppCommand): Promise<Outcome>;
  /** Snapshots pushed by the app (menu actions). Returns a function that stops listening. */
  onDocumentChanged(listener: (snapshot: Snapshot) => void): Promise<() => void>;
  onActionFailed(listener: (error: CommandError) => void): Promise<() => void>;
  /** Commands from the native menu that act on the canvas or the selection (copy, zoom…). */
  onMenuCommand(listener: (command: AppCommand) => void): Promise<() => void>;
  /** Every command with its label and accelerator. */
  commandTable(): Promise<CommandInfo[]>;
  /** Tells the app whether a text field has focus, so the menu leaves text keys to it. */
  setTextFocus(typing: boolean): Promise<void>;
}
