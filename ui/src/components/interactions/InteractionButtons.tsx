/** The two list buttons of a contact or a project: log an interaction, and see their timeline. */
import { IconButton } from "../Icon";

interface Props {
  /** "with Dana Ruiz", "on Warehouse Automation": completes the buttons' names. */
  about: string;
  onLog: () => void;
  onHistory: () => void;
}

export function InteractionButtons({ about, onLog, onHistory }: Props) {
  return (
    <>
      <IconButton
        icon="message"
        label={`Log interaction ${about}`}
        title="Log interaction"
        onClick={onLog}
      />
      <IconButton
        icon="history"
        label={`Interactions ${about}`}
        title="Interactions"
        onClick={onHistory}
      />
    </>
  );
}
