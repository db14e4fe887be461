/** The two list buttons of a contact or a project: log an interaction, and see their timeline. */
import { Icon } from "../Icon";

interface Props {
  /** "with Dana Ruiz", "on Warehouse Automation": completes the buttons' names. */
  about: string;
  onLog: () => void;
  onHistory: () => void;
}

export function InteractionButtons({ about, onLog, onHistory }: Props) {
  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label={`Log interaction ${about}`}
        title="Log interaction"
        onClick={onLog}
      >
        <Icon name="message" />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Interactions ${about}`}
        title="Interactions"
        onClick={onHistory}
      >
        <Icon name="history" />
      </button>
    </>
  );
}
