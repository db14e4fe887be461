/** The general error and the Cancel / Save buttons of a dialog form. */
import type { ReactNode } from "react";

interface Props {
  error?: string | undefined;
  busy: boolean;
  onCancel: () => void;
  /** More buttons, before Cancel (Delete, Reset to defaults). */
  children?: ReactNode;
  /** The submit button's label. */
  submit?: string;
}

export function FormFooter({ error, busy, onCancel, children, submit = "Save" }: Props) {
  return (
    <>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <footer className="dialog-actions">
        {children}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {submit}
        </button>
      </footer>
    </>
  );
}
