/** What the rows of the side lists (contacts, projects) share: their callbacks and end buttons. */
import { Icon } from "./Icon";

/** What a row of a side list can ask its list to do with its item (stable, for memoised rows). */
export interface RowHandlers<T> {
  onEdit: (item: T) => void;
  onLog: (item: T) => void;
  onHistory: (item: T) => void;
  onRemove: (item: T) => void;
}

interface Props {
  /** What the buttons act on, as their accessible names say it ("Dana Ruiz", "project Rollout"). */
  what: string;
  onEdit: () => void;
  onDelete: () => void;
}

/** The Edit and Delete buttons at the end of a row. */
export function EditDeleteButtons({ what, onEdit, onDelete }: Props) {
  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label={`Edit ${what}`}
        title="Edit"
        onClick={onEdit}
      >
        <Icon name="edit" />
      </button>
      <button
        type="button"
        className="icon-button danger"
        aria-label={`Delete ${what}`}
        title="Delete (undo with Ctrl+Z)"
        onClick={onDelete}
      >
        <Icon name="trash" />
      </button>
    </>
  );
}
