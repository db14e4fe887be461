// The page-side fake of the Rust side for the Chromium benchmark: the UI's own test fake
// (ui/src/test/fakeBackend.ts), holding the benchmark map that the static server hands out as
// /__bench/map.json. Bundled into one classic script that runs before the UI's modules.
import { FakeBackend } from "../../../ui/src/test/fakeBackend.ts";

const request = new XMLHttpRequest();
request.open("GET", "/__bench/map.json", false);
request.send();
new FakeBackend(JSON.parse(request.responseText)).install();
