// What the confirmation dialog shows before an action that cannot be undone, and the rule that keeps its
// second step from being taken by accident: a click that belongs to the gesture that opened the dialog (the
// second click of a double click, a held Enter key repeating) must not confirm.

/** One figure of the summary: who gets how much. `key` names it for tests (`data-testid="summary-<key>"`). */
export interface SummaryLine {
  key: string;
  label: string;
  value: string;
}

export interface ConfirmSummary {
  title: string;
  /** The confirm button's text: names the action and, where there is one, the amount. */
  action: string;
  lead: string;
  lines: SummaryLine[];
  notes: string[];
  /** What cannot be taken back, said plainly (the dialog has a default). */
  final?: string;
}

/** Clicks on the confirm button are ignored this long after the dialog opens. */
export const ARM_DELAY_MS = 600;

/**
 * Whether an activation of the confirm button counts. `clickCount` is the click event's `detail`: 0 for a
 * keyboard activation, 1 for a single click, 2 and more for the later clicks of a multi-click.
 */
export function acceptsConfirm(openedAt: number, now: number, clickCount: number): boolean {
  return now - openedAt >= ARM_DELAY_MS && clickCount <= 1;
}
