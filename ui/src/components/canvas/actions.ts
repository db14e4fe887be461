/**
 * Canvas changes that several components start (the list, the canvas, the keyboard): each is one
 * operation through the store, so one undo step, and each tells the user what happened.
 */
import { errorMessage, type Op, type Project } from "../../ipc/backend";
import { freeCardSpot } from "../../model/records";
import { useCanvas } from "../../store/canvasStore";
import { useMap } from "../../store/mapStore";
import { type DropPlan, newStake } from "./drop";

/** Runs an operation; a refusal from the core becomes an error notice. Returns whether it ran. */
export async function attempt(op: Op, notice: string, undo = false): Promise<boolean> {
  try {
    await useMap.getState().run(op, { tone: "info", text: notice, undo });
    return true;
  } catch (error) {
    useMap.getState().notify({ tone: "error", text: errorMessage(error) });
    return false;
  }
}

/** Carries out a drop plan (nothing, a refusal shown as an error, or an operation). */
export async function carryOut(plan: DropPlan): Promise<boolean> {
  if (!plan) return false;
  if ("refusal" in plan) {
    useMap.getState().notify({ tone: "error", text: plan.refusal });
    return false;
  }
  return attempt(plan.op, plan.notice, true);
}

/** Places a contact on a project at the first free spot of its frame (the keyboard way). */
export function placeContact(contact: { id: string; name: string }, project: Project) {
  const { stakes } = useMap.getState();
  const list = Object.values(stakes).filter((s) => s.project === project.id);
  if (list.some((s) => s.contact === contact.id)) {
    return carryOut({
      refusal: `${contact.name} is already on ${project.name}: a contact has one card per project.`,
    });
  }
  const spot = freeCardSpot(list);
  return carryOut({
    op: { op: "put", record: { kind: "stake", item: newStake(project.id, contact.id, spot) } },
    notice: `Placed ${contact.name} on ${project.name}`,
  });
}

/**
 * Deletes what is selected on the canvas as one step: relationships, cards, and frames (with
 * their cards). Cards inside a deleted frame go with it.
 */
export async function deleteSelection(): Promise<void> {
  const { selection, select } = useCanvas.getState();
  const { projects, stakes, relationships } = useMap.getState();
  const frames = selection.nodes.filter((id) => projects[id]);
  const cards = selection.nodes.filter((id) => {
    const stake = stakes[id];
    return stake && !frames.includes(stake.project);
  });
  const links = selection.relationships.filter((id) => relationships[id]);
  const ops: Op[] = [
    ...links.map((id): Op => ({ op: "delete", kind: "relationship", id })),
    ...cards.map((id): Op => ({ op: "delete", kind: "stake", id })),
    ...frames.map((id): Op => ({ op: "delete", kind: "project", id })),
  ];
  const [only] = ops;
  if (!only) return;
  const count = ops.length;
  const text = count === 1 ? deletionText(only) : `Deleted ${count} items`;
  const op: Op = count === 1 ? only : { op: "batch", label: `Delete ${count} items`, ops };
  if (await attempt(op, text, true)) select({ nodes: [], relationships: [] });
}

function deletionText(op: Op): string {
  if (op.op !== "delete") return "Deleted";
  const { projects, stakes, contacts } = useMap.getState();
  if (op.kind === "project") return `Deleted ${projects[op.id]?.name ?? "the project"}`;
  if (op.kind === "stake") {
    const stake = stakes[op.id];
    const who = stake ? contacts[stake.contact]?.name : undefined;
    const where = stake ? projects[stake.project]?.name : undefined;
    return who && where ? `Removed ${who} from ${where}` : "Removed the card";
  }
  return "Deleted the relationship";
}
