/** The header of a sidebar list: its title with a count, and an Add button. */
import { Icon } from "./Icon";

interface Props {
  id: string;
  title: string;
  count: number;
  /** The Add button's accessible name ("Add contact"). */
  addLabel: string;
  onAdd: () => void;
}

export function PanelHeader({ id, title, count, addLabel, onAdd }: Props) {
  return (
    <header className="panel-header">
      <h2 id={id}>
        {title} <span className="count">{count}</span>
      </h2>
      <button type="button" className="button small primary" aria-label={addLabel} onClick={onAdd}>
        <Icon name="plus" /> Add
      </button>
    </header>
  );
}
