-- Stakemap map format 2: coverage settings.
-- A project may carry its own coverage weights (a JSON object, NULL: the map's). The map's own
-- settings are one JSON value in the `settings` table (key 'map'); no row means the defaults.

ALTER TABLE projects ADD COLUMN weights TEXT;
