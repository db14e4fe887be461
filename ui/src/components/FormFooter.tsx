/** The general error and the Cancel / Save buttons of a dialog form. */
interface Props {
  error?: string | undefined;
  busy: boolean;
  onCancel: () => void;
}

export function FormFooter({ error, busy, onCancel }: Props) {
  return (
    <>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <footer className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          Save
        </button>
      </footer>
    </>
  );
}
