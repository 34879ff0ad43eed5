/**
 * The import dialog's state: open or not. What it holds while open (the file, its preview, the
 * limits) is the dialog's own, and goes with it: a draft read but never started is left to the
 * background, which clears it. Imported whole (`import * as importDialog`).
 */
import type { PanelStore } from './panel-state';

/** Opens "Import codes"; an error from an earlier request would read as this dialog's, so it goes. */
export function show(panel: PanelStore): void {
  panel.setState({ importDialog: { open: true }, actionError: null });
}

/** Closes it (its error with it); nothing was sent to the store unless "Import" started the job. */
export function close(panel: PanelStore): void {
  if (panel.getState().importDialog.open)
    panel.setState({ importDialog: { open: false }, actionError: null });
}
