// The editor's backend over Tauri IPC, through the generated bindings.

import { commands, events } from './bindings';
import type { Backend } from './editor/backend';

export const tauriBackend: Backend = {
  initialState: () => commands.initialState(),
  wholeSnapshot: () => commands.wholeSnapshot(),
  catalog: () => commands.getCatalog(),
  samples: () => commands.listSamples(),
  reach: (element, direction) => commands.reach(element, direction),
  newFromSample: (id) => commands.newFromSample(id),
  applyEdit: (edit) => commands.applyEdit(edit),
  copySelection: (ids) => commands.copySelection(ids),
  cutSelection: (ids) => commands.cutSelection(ids),
  paste: (offset) => commands.paste(offset),
  runCommand: (command) => commands.runCommand(command),
  onDocumentChanged: (listener) => events.documentChanged.listen((event) => listener(event.payload)),
  onActionFailed: (listener) => events.actionFailed.listen((event) => listener(event.payload)),
  onMenuCommand: (listener) => events.menuCommand.listen((event) => listener(event.payload)),
  commandTable: () => commands.commandTable(),
  setTextFocus: (typing) => commands.setTextFocus(typing),
  recoverCopy: (session) => commands.recoverCopy(session),
  discardRecoveryCopy: (session) => commands.discardRecoveryCopy(session),
  listRevisions: () => commands.listRevisions(),
  revisionDiff: (from, to) => commands.revisionDiff(from, to),
  restoreRevision: (number) => commands.restoreRevision(number),
  settings: () => commands.getSettings(),
  setSettings: (settings) => commands.setSettings(settings),
  exportFormats: () => commands.exportFormats(),
  exportTo: (request) => commands.export(request),
  openExported: (path, reveal) => commands.openExported(path, reveal),
};
