import { describe, expect, it } from "vitest";
import { initials, since } from "./labels";

describe("since", () => {
  // Mid-afternoon, so the time of day must not count.
  const today = new Date(2024, 4, 20, 15, 30);

  it.each([
    ["2024-05-20", "today"],
    ["2024-05-21", "today"], // a date ahead (clock skew) reads as today
    ["2024-05-19", "1 d"],
    ["2024-05-17", "3 d"],
    ["2024-05-07", "13 d"],
    ["2024-05-06", "2 wk"], // 14 days
    ["2024-04-20", "4 wk"], // 30 days
    ["2024-03-12", "10 wk"], // 69 days
    ["2024-03-11", "2 mo"], // 70 days
    ["2023-05-20", "12 mo"], // 366 days
  ])("%s → %s", (date, expected) => {
    expect(since(date, today)).toBe(expected);
  });

  it("counts calendar days across a daylight-saving change", () => {
    // Across the spring change in most zones that have one (a 23-hour day).
    expect(since("2024-03-25", new Date(2024, 3, 1, 0, 5))).toBe("7 d");
    expect(since("2024-10-25", new Date(2024, 10, 1, 23, 55))).toBe("7 d");
  });

  it("gives nothing for a date it cannot read", () => {
    expect(since("not a date", today)).toBe("");
    expect(since("", today)).toBe("");
  });
});

describe("initials", () => {
  it.each([
    ["Alex Moreau", "AM"],
    ["alex moreau", "AM"],
    ["  Dana   de la   Ruiz  ", "DR"],
    ["Cher", "C"],
    ["élodie martin", "ÉM"],
    ["", ""],
    ["   ", ""],
  ])("%j → %j", (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});
