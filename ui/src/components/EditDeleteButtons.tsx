/** What rows with Edit and Delete buttons share: the side lists' callbacks, and the buttons. */
import { IconButton } from "./Icon";

/** What a row of a side list can ask its list to do with its item (stable, for memoised rows). */
export interface RowHandlers<T> {
  onEdit: (item: T) => void;
  onLog: (item: T) => void;
  onHistory: (item: T) => void;
  onRemove: (item: T) => void;
}

interface Props {
  /** What the buttons act on, as their names say it ("Dana Ruiz", "project Rollout"). */
  what: string;
  onEdit: () => void;
  onDelete: () => void;
}

/** The Edit and Delete buttons at the end of a row (a list's, a timeline's). */
export function EditDeleteButtons({ what, onEdit, onDelete }: Props) {
  return (
    <>
      <IconButton icon="edit" label={`Edit ${what}`} title="Edit" onClick={onEdit} />
      <IconButton
        icon="trash"
        label={`Delete ${what}`}
        title="Delete (undo with Ctrl+Z)"
        danger
        onClick={onDelete}
      />
    </>
  );
}
