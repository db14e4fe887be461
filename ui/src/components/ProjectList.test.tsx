import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useMap } from "../store/mapStore";
import { sampleMap } from "../test/fixtures";
import { renderApp } from "../test/render";

describe("a long project list", () => {
  /** The sample map with 300 projects, "Project 001" to "Project 300", in a grid of frames. */
  function crowdedMap() {
    const map = sampleMap();
    const [template] = map.projects;
    if (!template) throw new Error("the sample map has no project");
    map.projects = Array.from({ length: 300 }, (_, i) => ({
      ...template,
      id: `00000000-0000-4000-8000-${(0xf0000 + i).toString(16).padStart(12, "0")}`,
      name: `Project ${String(i + 1).padStart(3, "0")}`,
      frame: { x: (i % 20) * 800, y: Math.floor(i / 20) * 500, width: 660, height: 420 },
    }));
    map.stakes = [];
    return map;
  }
  const list = () => screen.getByRole("list", { name: "Projects" });
  const rows = () => within(list()).queryAllByRole("listitem");

  it("renders the rows in view, not all of them, and tells how long the list is", async () => {
    await renderApp(crowdedMap());
    expect(rows().length).toBeGreaterThan(10);
    expect(rows().length).toBeLessThan(60);
    expect(within(rows()[0] as HTMLElement).getByText("Project 001")).toBeInTheDocument();
    expect(rows()[0]).toHaveAttribute("aria-setsize", "300");
    expect(screen.getByRole("heading", { name: /^Projects/ })).toHaveTextContent("Projects 300");
  });

  it("brings later projects in as it is scrolled, and chooses the one clicked", async () => {
    const { user } = await renderApp(crowdedMap());
    const scroller = list().parentElement as HTMLElement;
    scroller.scrollTop = Number.parseFloat(list().style.height) - 200;
    fireEvent.scroll(scroller);
    const last = await within(list()).findByText("Project 300");
    expect(rows()[0]).not.toHaveAttribute("aria-posinset", "1");
    await user.click(last);
    // The project chosen is the one the canvas brings into view and the coverage panel shows.
    const chosen = useMap.getState().selectedProject;
    expect(chosen && useMap.getState().projects[chosen]?.name).toBe("Project 300");
  });
});
