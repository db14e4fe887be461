/** A small hand-made map: two accounts, three contacts, two projects, three stakes. */
import type { Contact, Project, Snapshot, Stake } from "../ipc/backend";
import { blankContact } from "../model/records";
import { defaultSettings } from "./fakeBackend";

export const ORG_ACME = "00000000-0000-4000-8000-00000000a001";
export const ORG_GLOBEX = "00000000-0000-4000-8000-00000000a002";
export const ELENA = "00000000-0000-4000-8000-00000000c001";
export const BRUNO = "00000000-0000-4000-8000-00000000c002";
export const ZOE = "00000000-0000-4000-8000-00000000c003";
export const ROLLOUT = "00000000-0000-4000-8000-00000000b001";
export const RENEWAL = "00000000-0000-4000-8000-00000000b002";

function contact(fields: Partial<Contact> & Pick<Contact, "id" | "name">): Contact {
  return { ...blankContact(), ...fields };
}

function project(fields: Partial<Project> & Pick<Project, "id" | "name">): Project {
  return {
    organization: null,
    status: "active",
    stage: "",
    target_date: null,
    required_roles: [],
    notes: "",
    frame: { x: 0, y: 0, width: 660, height: 420 },
    ...fields,
  };
}

function stake(fields: Partial<Stake> & Pick<Stake, "id" | "project" | "contact">): Stake {
  return {
    role: "champion",
    stance: 1,
    influence: 3,
    interest: 3,
    owner: null,
    health: null,
    notes: "",
    x: 16,
    y: 56,
    ...fields,
  };
}

export function sampleMap(): Snapshot {
  return {
    organizations: [
      { id: ORG_ACME, name: "Acme Corp", notes: "" },
      { id: ORG_GLOBEX, name: "Globex", notes: "" },
    ],
    teammates: [],
    // Not in name order, so the tests see the list sort them.
    contacts: [
      contact({
        id: ZOE,
        name: "Zoé Martin",
        title: "Procurement lead",
        organization: ORG_GLOBEX,
        tags: ["finance"],
      }),
      contact({
        id: ELENA,
        name: "Eléna Duval",
        title: "CTO",
        organization: ORG_ACME,
        email: "e.duval@acme.test",
        tags: ["technical", "sponsor"],
      }),
      contact({ id: BRUNO, name: "Bruno Keller", title: "Head of Operations" }),
    ],
    projects: [
      project({
        id: ROLLOUT,
        name: "Platform rollout",
        organization: ORG_ACME,
        stage: "Discovery",
        frame: { x: 0, y: 0, width: 660, height: 420 },
      }),
      project({
        id: RENEWAL,
        name: "Annual renewal",
        organization: ORG_GLOBEX,
        status: "on_hold",
        frame: { x: 740, y: 0, width: 660, height: 420 },
      }),
    ],
    stakes: [
      stake({ id: "00000000-0000-4000-8000-00000000d001", project: ROLLOUT, contact: ELENA }),
      stake({
        id: "00000000-0000-4000-8000-00000000d002",
        project: ROLLOUT,
        contact: BRUNO,
        role: "decision_maker",
        stance: 0,
        x: 220,
      }),
      stake({
        id: "00000000-0000-4000-8000-00000000d003",
        project: RENEWAL,
        contact: ZOE,
        role: "economic_buyer",
        stance: -1,
      }),
    ],
    relationships: [],
    interactions: [],
    settings: defaultSettings(),
  };
}
