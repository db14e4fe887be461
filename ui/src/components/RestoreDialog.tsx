/**
 * "Restore from backup": the map's backups, newest first, each with a Restore button. Only a
 * backup's id goes to the Rust side; it backs up the current state first (or, for a damaged
 * map, keeps the damaged file aside), restores, and the map is then loaded again.
 */
import { useEffect, useState } from "react";
import { type BackupInfo, backend, errorMessage } from "../ipc/backend";
import { useMap } from "../store/mapStore";
import { Dialog } from "./Dialog";

interface Props {
  onClose: () => void;
  /** Whether the map could not be opened because it is damaged (nothing to back up first). */
  damaged?: boolean;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** A backup's time for people, in local time: `2026-03-01 10:30`. */
export function backupDate(created: string): string {
  const at = new Date(created);
  if (Number.isNaN(at.getTime())) return created;
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

function size(kib: number): string {
  return kib >= 1024 ? `${(kib / 1024).toFixed(1)} MiB` : `${kib} KiB`;
}

/** Newest first (RFC 3339 times in UTC sort as text; the id breaks ties). */
function newestFirst(list: BackupInfo[]): BackupInfo[] {
  return [...list].sort((a, b) =>
    a.created === b.created ? b.id.localeCompare(a.id) : b.created.localeCompare(a.created),
  );
}

export function RestoreDialog({ onClose, damaged = false }: Props) {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    backend
      .backups()
      .then((list) => {
        if (live) setBackups(newestFirst(list));
      })
      .catch((e: unknown) => {
        if (live) {
          setBackups([]);
          setError(errorMessage(e));
        }
      });
    return () => {
      live = false;
    };
  }, []);

  const restore = async (backup: BackupInfo) => {
    setBusy(true);
    setError(null);
    try {
      await backend.restoreBackup(backup.id);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
      return;
    }
    onClose();
    await useMap.getState().load();
    useMap
      .getState()
      .notify({ tone: "info", text: `Restored the backup of ${backupDate(backup.created)}` });
  };

  return (
    <Dialog label="Restore from backup" onClose={onClose} className="restore-dialog">
      <div className="form">
        <p className="field-hint">
          {damaged
            ? "The backup replaces the damaged file, which is kept beside it under a new name."
            : "Restoring replaces the map's content with the backup's. The current state is backed up first, so you can come back to it."}
        </p>
        {backups === null ? (
          <p aria-busy="true">Loading backups…</p>
        ) : backups.length === 0 && !error ? (
          <p>This map has no backups yet.</p>
        ) : (
          <ul className="backup-list" aria-label="Backups">
            {backups.map((backup) => (
              <li key={backup.id} className="backup-row" aria-label={backup.id}>
                <span className="backup-date">{backupDate(backup.created)}</span>
                <span className="backup-reason">{backup.reason}</span>
                <span className="backup-size">{size(backup.size_kib)}</span>
                <button
                  type="button"
                  className="button small"
                  disabled={busy}
                  onClick={() => restore(backup)}
                >
                  Restore
                </button>
              </li>
            ))}
          </ul>
        )}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <footer className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </footer>
      </div>
    </Dialog>
  );
}
