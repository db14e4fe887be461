/** A modal dialog on the native `<dialog>` element: focus stays inside, Escape cancels. */
import { type ReactNode, useEffect, useRef } from "react";

interface Props {
  label: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}

/** What a dialog focuses first when it opens, if it has any. */
const FIELDS =
  "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";

export function Dialog({ label, onClose, children, className }: Props) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (typeof dialog.showModal === "function") {
      if (!dialog.open) dialog.showModal();
    } else {
      dialog.setAttribute("open", "");
    }
    // The field marked `data-autofocus`, else the first field; not the close button the dialog
    // would focus by itself, so a form opens ready for typing. (React's `autoFocus` runs before the
    // dialog is shown, when nothing in it can take the focus.) Dialogs without fields keep the
    // browser's choice.
    const first =
      dialog.querySelector<HTMLElement>("[data-autofocus]") ??
      dialog.querySelector<HTMLElement>(FIELDS);
    first?.focus();
    return () => {
      if (typeof dialog.close === "function" && dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-label={label}
      className={`dialog ${className ?? ""}`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-header">
        <h2>{label}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}
