//! Backups: where and when they are taken, how they are named and thinned, and restoring them.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, TimeDelta, TimeZone, Utc};
use rusqlite::Connection;
use stakemap_core::backup::{
    KEEP_DAILY, KEEP_MONTHLY, KEEP_PER_REASON, KEEP_WEEKLY, backup_dir, list_backups, obsolete,
};
use stakemap_core::model::{Channel, Contact, Frame, Interaction, Project, ProjectStatus, Role};
use stakemap_core::{
    Backup, BackupReason, EntityKind, Error, ErrorKind, FixedClock, Map, MapOptions, Op, Record,
};

use crate::support::{add, contact, organization, populate, temp_map};

/// 2026-03-01 09:30:00 UTC, a Sunday.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 0).unwrap()
}

/// Opens `path` for writing with the clock stopped at `now`.
pub fn open_at(path: &Path, now: DateTime<Utc>) -> Map {
    Map::open_with(path, MapOptions::default().clock(FixedClock(now))).unwrap()
}

fn reasons(backups: &[Backup]) -> Vec<BackupReason> {
    backups.iter().map(|b| b.reason).collect()
}

/// Hidden or temporary files left in a backup folder.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') || n.contains("partial") || n.contains("tmp"))
        .collect()
}

#[test]
fn a_backup_is_a_checked_map_in_a_folder_beside_the_map_named_by_time_and_reason() {
    let (dir, path) = temp_map();
    let mut map = open_at(&path, t0());
    populate(&mut map);
    let snapshot = map.snapshot().unwrap();
    let backup = map.backup(BackupReason::Manual).unwrap();

    assert_eq!(backup.id, "2026-03-01-093000-manual");
    assert_eq!(backup.created, t0());
    assert_eq!(backup.reason, BackupReason::Manual);
    let folder = dir.path().join("test.stakemap-backups");
    assert_eq!(backup_dir(&path), folder);
    assert_eq!(
        backup.path,
        folder.join("2026-03-01-093000-manual.stakemap")
    );
    assert_eq!(backup.size, std::fs::metadata(&backup.path).unwrap().len());
    assert_eq!(map.backups().unwrap(), vec![backup.clone()]);
    assert_eq!(list_backups(&path).unwrap(), vec![backup.clone()]);
    assert!(leftovers(&folder).is_empty(), "{:?}", leftovers(&folder));

    // A self-contained map (no WAL beside it) holding the map as it was.
    let conn = Connection::open(&backup.path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(conn);
    let copy = Map::open_read_only(&backup.path).unwrap();
    assert_eq!(copy.snapshot().unwrap(), snapshot);

    // A second backup in the same second gets the next second: names stay unique and ordered.
    let second = map.backup(BackupReason::BeforeImport).unwrap();
    assert_eq!(second.id, "2026-03-01-093001-before-import");
    let listed = map.backups().unwrap();
    assert_eq!(
        reasons(&listed),
        [BackupReason::BeforeImport, BackupReason::Manual],
        "newest first"
    );
}

#[test]
fn the_daily_backup_is_taken_at_the_first_open_for_writing_in_24_hours_of_a_map_with_data() {
    let (_dir, path) = temp_map();
    // A new, empty map has nothing to back up.
    let mut map = open_at(&path, t0());
    assert!(map.backups().unwrap().is_empty());
    populate(&mut map);
    drop(map);

    let hour = TimeDelta::hours(1);
    drop(open_at(&path, t0() + hour));
    let backups = list_backups(&path).unwrap();
    assert_eq!(reasons(&backups), [BackupReason::Daily]);
    assert_eq!(backups[0].created, t0() + hour);

    // Not again within 24 hours, nor when reading.
    drop(open_at(&path, t0() + hour * 24));
    drop(Map::open_read_only(&path).unwrap());
    assert_eq!(list_backups(&path).unwrap().len(), 1);

    // 24 hours after the newest backup, the next one.
    let mut map = open_at(&path, t0() + hour * 25);
    assert_eq!(map.backups().unwrap().len(), 2);
    assert_eq!(map.backup_problem(), None);
    add(&mut map, contact("After the backup", None));
    drop(map);

    // Any backup counts: a manual one at 60 hours postpones the daily one past 70 hours.
    let mut map = open_at(&path, t0() + hour * 60);
    map.backup(BackupReason::Manual).unwrap();
    drop(map);
    drop(open_at(&path, t0() + hour * 70));
    assert_eq!(
        reasons(&list_backups(&path).unwrap()),
        [
            BackupReason::Manual,
            BackupReason::Daily,
            BackupReason::Daily
        ]
    );
    // And it can be turned off.
    let options = MapOptions::default()
        .clock(FixedClock(t0() + hour * 200))
        .daily_backup(false);
    drop(Map::open_with(&path, options).unwrap());
    assert_eq!(list_backups(&path).unwrap().len(), 3);
}

#[test]
fn a_failed_daily_backup_does_not_keep_the_map_from_opening() {
    let (_dir, path) = temp_map();
    let mut map = open_at(&path, t0());
    populate(&mut map);
    drop(map);
    // A file where the backup folder should be.
    std::fs::write(backup_dir(&path), b"in the way").unwrap();
    let mut map = open_at(&path, t0() + TimeDelta::days(2));
    let problem = map
        .backup_problem()
        .expect("the failure is reported")
        .to_string();
    assert!(problem.contains("backups"), "{problem}");
    add(&mut map, organization("Still writable"));
    // An explicit backup reports the failure.
    let err = map.backup(BackupReason::BeforeImport).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Storage, "{err:?}");
}

#[test]
fn a_map_in_an_older_format_is_backed_up_before_its_migration() {
    // This build has one format, so an older map is simulated by a format-1 map whose header
    // claims format 0: the migration then fails (its tables exist), which also shows that a failed
    // migration leaves the file as it was, with the backup taken before it.
    let (_dir, path) = temp_map();
    let mut map = open_at(&path, t0());
    populate(&mut map);
    let contacts = map.summary().unwrap().contacts;
    drop(map);
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 0).unwrap();
    drop(conn);

    let err = Map::open_with(&path, MapOptions::default().clock(FixedClock(t0()))).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Storage, "{err:?}");
    let backups = list_backups(&path).unwrap();
    assert_eq!(reasons(&backups), [BackupReason::BeforeMigration]);
    let conn = Connection::open(&backups[0].path).unwrap();
    let count: u32 = conn
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, contacts);
    let conn = Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 0, "the failed migration was rolled back");
}

/// A backup record for the policy tests (no file behind it).
fn fake(created: DateTime<Utc>, reason: BackupReason) -> Backup {
    Backup {
        id: format!("{}-{}", created.format("%Y-%m-%d-%H%M%S"), reason.key()),
        created,
        reason,
        size: 0,
        path: PathBuf::new(),
    }
}

/// The backups `obsolete` keeps, given any order (it wants them newest first).
fn kept(mut backups: Vec<Backup>) -> Vec<Backup> {
    backups.sort_by(|a, b| b.id.cmp(&a.id));
    let gone = obsolete(&backups);
    backups
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !gone.contains(i))
        .map(|(_, b)| b)
        .collect()
}

#[test]
fn thinning_a_year_of_daily_backups_keeps_7_days_4_weeks_and_6_months() {
    // Daily backups (several some days) from 2025-01-01 to 2026-03-01.
    let start = Utc.with_ymd_and_hms(2025, 1, 1, 8, 0, 0).unwrap();
    let mut all = Vec::new();
    for day in 0..=424 {
        let at = start + TimeDelta::days(day);
        all.push(fake(at, BackupReason::Daily));
        if day % 3 == 0 {
            all.push(fake(at + TimeDelta::hours(5), BackupReason::Daily));
        }
    }
    let kept = kept(all);
    let days: Vec<NaiveDate> = kept.iter().map(|b| b.created.date_naive()).collect();
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(
        kept.len(),
        KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY,
        "{days:?}"
    );
    // The newest of each of the last 7 days, the newest backup of all first.
    assert_eq!(days[0], date(2026, 3, 1));
    assert_eq!(days[6], date(2026, 2, 23));
    assert_eq!(kept[1].created.date_naive(), date(2026, 2, 28));
    // Then one per ISO week (the Sunday that ends each of the 4 weeks before)...
    assert_eq!(
        &days[7..11],
        [
            date(2026, 2, 22),
            date(2026, 2, 15),
            date(2026, 2, 8),
            date(2026, 2, 1)
        ]
    );
    // ...and one per month before that: the last day of each.
    assert_eq!(
        &days[11..],
        [
            date(2026, 1, 31),
            date(2025, 12, 31),
            date(2025, 11, 30),
            date(2025, 10, 31),
            date(2025, 9, 30),
            date(2025, 8, 31)
        ]
    );
    // The newest backup of a day with two is the one kept.
    assert_eq!(kept[1].created.format("%H").to_string(), "13");
}

#[test]
fn thinning_keeps_the_newest_backups_of_each_other_reason_and_always_the_newest() {
    let mut all = Vec::new();
    for n in 0..12 {
        let at = t0() + TimeDelta::minutes(n);
        all.push(fake(at, BackupReason::BeforeImport));
        all.push(fake(at + TimeDelta::seconds(10), BackupReason::Manual));
    }
    let kept = kept(all);
    for reason in [BackupReason::BeforeImport, BackupReason::Manual] {
        let of: Vec<&Backup> = kept.iter().filter(|b| b.reason == reason).collect();
        assert_eq!(of.len(), KEEP_PER_REASON, "{reason}");
        assert_eq!(of[0].created.format("%M").to_string(), "41", "the newest");
    }

    // Random sets: the newest backup is never thinned, nor the newest few of each event.
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..300 {
        let n = 1 + next() % 60;
        let mut set = Vec::new();
        for _ in 0..n {
            let at = t0() - TimeDelta::minutes((next() % (60 * 24 * 400)) as i64);
            let reason = BackupReason::ALL[(next() % 5) as usize];
            set.push(fake(at, reason));
        }
        set.sort_by(|a, b| b.id.cmp(&a.id));
        set.dedup_by(|a, b| a.created == b.created);
        let gone = obsolete(&set);
        assert!(!gone.contains(&0), "the newest backup was thinned");
        for reason in BackupReason::ALL {
            if reason == BackupReason::Daily {
                continue;
            }
            for (i, _) in set
                .iter()
                .enumerate()
                .filter(|(_, b)| b.reason == reason)
                .take(KEEP_PER_REASON)
            {
                assert!(!gone.contains(&i), "a recent {reason} backup was thinned");
            }
        }
    }
}

#[test]
fn opening_a_map_every_day_for_two_months_keeps_a_thinned_folder() {
    let (_dir, path) = temp_map();
    let mut map = open_at(&path, t0());
    populate(&mut map);
    drop(map);
    let days = 60;
    for day in 1..=days {
        let mut map = open_at(&path, t0() + TimeDelta::days(day));
        add(&mut map, organization(&format!("Day {day}")));
    }
    let backups = list_backups(&path).unwrap();
    let newest = t0() + TimeDelta::days(days);
    assert_eq!(backups[0].created, newest, "the newest is kept");
    assert!(
        backups.len() <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY,
        "{}",
        backups.len()
    );
    assert!(
        backups.len() >= KEEP_DAILY + KEEP_WEEKLY,
        "{}",
        backups.len()
    );
    // The folder holds exactly the listed backups.
    let files = std::fs::read_dir(backup_dir(&path)).unwrap().count();
    assert_eq!(files, backups.len());
    // Each one opens as the map of its day.
    let oldest = backups.last().unwrap();
    let old = Map::open_read_only(&oldest.path).unwrap();
    let day = (oldest.created - t0()).num_days();
    assert_eq!(
        i64::from(old.summary().unwrap().organizations),
        day,
        "the backup of day {day} holds Northwind and the organizations of the days before"
    );
}

#[test]
fn restore_replaces_the_content_after_backing_up_the_current_one_and_clears_history() {
    let (_dir, path) = temp_map();
    let mut map = open_at(&path, t0());
    let account = populate(&mut map);
    let good = map.backup(BackupReason::Manual).unwrap();
    let at_backup = map.snapshot().unwrap();

    add(&mut map, contact("Added later", None));
    map.apply(Op::Delete {
        kind: EntityKind::Contact,
        id: account.dana.clone(),
    })
    .unwrap();
    map.undo().unwrap();
    map.undo().unwrap();
    map.redo().unwrap();
    assert!(map.history().undo.is_some() && map.history().redo.is_some());
    let before_restore = map.snapshot().unwrap();
    assert_ne!(before_restore, at_backup);

    let saved = map.restore(&good.id).unwrap();
    assert_eq!(saved.reason, BackupReason::BeforeRestore);
    assert_eq!(map.snapshot().unwrap(), at_backup);
    assert_eq!(map.history(), Default::default(), "the history is cleared");
    assert_eq!(
        Map::open_read_only(&saved.path)
            .unwrap()
            .snapshot()
            .unwrap(),
        before_restore,
        "the replaced content was backed up"
    );
    assert_eq!(
        reasons(&map.backups().unwrap()),
        [BackupReason::BeforeRestore, BackupReason::Manual]
    );

    // The map works on, and keeps the restored content.
    add(&mut map, organization("After the restore"));
    map.undo().unwrap();
    drop(map);
    let mut map = Map::open_with(&path, MapOptions::default().daily_backup(false)).unwrap();
    assert_eq!(map.snapshot().unwrap(), at_backup);
    let check: String = map_check(&path);
    assert_eq!(check, "ok");

    // Restoring the before-restore backup undoes the restore.
    map.restore(&saved.id).unwrap();
    assert_eq!(map.snapshot().unwrap(), before_restore);
}

fn map_check(path: &Path) -> String {
    let conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn restoring_a_missing_or_damaged_backup_changes_nothing() {
    let (_dir, path) = temp_map();
    let mut map = open_at(&path, t0());
    populate(&mut map);
    let backup = map.backup(BackupReason::Manual).unwrap();
    add(&mut map, contact("Kept", None));
    let before = map.snapshot().unwrap();
    let history = map.history();

    let err = map.restore("2020-01-01-000000-manual").unwrap_err();
    assert!(
        matches!(err, Error::NotFound { kind: "backup", .. }),
        "{err:?}"
    );
    assert_eq!(err.kind(), ErrorKind::NotFound);
    // Ids are names in the folder, never paths.
    assert_eq!(
        map.restore("../test").unwrap_err().kind(),
        ErrorKind::NotFound
    );

    // Damage the backup's middle pages.
    let mut bytes = std::fs::read(&backup.path).unwrap();
    let middle = (bytes.len() / 4096 / 2) * 4096;
    bytes[middle..middle + 4096].fill(0xA5);
    std::fs::write(&backup.path, bytes).unwrap();
    let err = map.restore(&backup.id).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Incompatible, "{err:?}");
    assert!(err.to_string().contains("damaged"), "{err}");

    assert_eq!(map.snapshot().unwrap(), before);
    assert_eq!(map.history(), history);
    assert_eq!(map.backups().unwrap().len(), 1, "no before-restore backup");
}

#[test]
fn a_read_only_map_neither_backs_up_nor_restores() {
    let (_dir, path) = temp_map();
    let mut map = open_at(&path, t0());
    populate(&mut map);
    let backup = map.backup(BackupReason::Manual).unwrap();
    drop(map);
    let mut reader = Map::open_read_only(&path).unwrap();
    assert!(matches!(
        reader.backup(BackupReason::Manual).unwrap_err(),
        Error::ReadOnly
    ));
    assert!(matches!(
        reader.restore(&backup.id).unwrap_err(),
        Error::ReadOnly
    ));
    assert_eq!(reader.backups().unwrap(), vec![backup]);
}

/// Fills `map` with a generated account book of `contacts` contacts: 50 organizations, 10
/// teammates, one project per 50 contacts with 10 stakes each, a reporting line per contact and
/// an interaction per 5 contacts.
pub fn generate(map: &mut Map, contacts: usize) {
    let mut ops = Vec::new();
    let org = |n: usize| format!("gen-org-{}", n % 50);
    for n in 0..50 {
        ops.push(Op::Put {
            record: Record::Organization(stakemap_core::model::Organization {
                id: org(n),
                name: format!("Account {n}"),
                notes: "Generated for measurements.".into(),
            }),
        });
    }
    for n in 0..10 {
        ops.push(Op::Put {
            record: Record::Teammate(stakemap_core::model::Teammate {
                id: format!("gen-tm-{n}"),
                name: format!("Teammate {n}"),
                email: format!("teammate{n}@stakemap.example"),
            }),
        });
    }
    for n in 0..contacts {
        ops.push(Op::Put {
            record: Record::Contact(Contact {
                id: format!("gen-c-{n}"),
                name: format!("Generated Contact {n}"),
                title: ["CFO", "VP Operations", "Director of IT", "Buyer"][n % 4].into(),
                organization: Some(org(n)),
                email: format!("contact{n}@customer.example"),
                phone: format!("+31 10 {n:07}"),
                location: "Rotterdam".into(),
                tags: vec!["generated".into(), format!("tier-{}", n % 3)],
                notes: "Met at the kickoff; prefers short emails. ".repeat(3),
                cadence_days: Some(30),
            }),
        });
        if n % 10 != 0 {
            ops.push(Op::Put {
                record: Record::Relationship(stakemap_core::model::Relationship {
                    id: format!("gen-r-{n}"),
                    from: format!("gen-c-{n}"),
                    to: format!("gen-c-{}", n - n % 10),
                    kind: stakemap_core::model::RelationshipKind::ReportsTo,
                    strength: 3,
                    notes: String::new(),
                }),
            });
        }
    }
    for p in 0..contacts.div_ceil(50) {
        let project = format!("gen-p-{p}");
        ops.push(Op::Put {
            record: Record::Project(Project {
                id: project.clone(),
                name: format!("Project {p}"),
                organization: Some(org(p * 50)),
                status: ProjectStatus::Active,
                stage: "Proposal".into(),
                target_date: Some("2026-06-30".into()),
                required_roles: vec![Role::DecisionMaker, Role::EconomicBuyer],
                notes: String::new(),
                frame: Frame {
                    x: (p % 10) as f64 * 700.0,
                    y: (p / 10) as f64 * 500.0,
                    width: 660.0,
                    height: 420.0,
                },
                weights: None,
            }),
        });
        for s in 0..10.min(contacts - p * 50) {
            let c = p * 50 + s;
            ops.push(Op::Put {
                record: Record::Stake(stakemap_core::model::Stake {
                    id: format!("gen-s-{p}-{s}"),
                    project: project.clone(),
                    contact: format!("gen-c-{c}"),
                    role: Role::ALL[s % Role::ALL.len()],
                    stance: (s % 5) as i8 - 2,
                    influence: 1 + (s % 5) as u8,
                    interest: 1 + (c % 5) as u8,
                    owner: Some(format!("gen-tm-{}", c % 10)),
                    health: None,
                    notes: String::new(),
                    x: 20.0 + s as f64 * 60.0,
                    y: 40.0,
                }),
            });
        }
    }
    for n in (0..contacts).step_by(5) {
        ops.push(Op::Put {
            record: Record::Interaction(Interaction {
                id: format!("gen-i-{n}"),
                date: "2026-02-01".into(),
                channel: Channel::Video,
                contacts: vec![format!("gen-c-{n}")],
                teammates: vec![format!("gen-tm-{}", n % 10)],
                project: None,
                sentiment: Some(1),
                notes: "Quarterly check-in.".into(),
            }),
        });
    }
    map.apply(Op::Batch {
        label: "Generate".into(),
        ops,
    })
    .unwrap();
}

/// Measures open (with its quick check), backup and restore on the demo map and on a generated
/// 5,000-contact map. Run by hand for docs/reliability.md:
/// `cargo test --release -p stakemap-core --test core -- --ignored --nocapture measure`
#[test]
#[ignore = "a measurement, run by hand"]
fn measure_backup_and_open_costs() {
    use std::time::Instant;
    let median = |mut runs: Vec<f64>| {
        runs.sort_by(f64::total_cmp);
        runs[runs.len() / 2]
    };
    for (name, contacts) in [("demo", 0), ("5,000 contacts", 5000)] {
        let (_dir, path) = temp_map();
        let mut map = Map::open_with(&path, MapOptions::default().daily_backup(false)).unwrap();
        let started = Instant::now();
        if contacts == 0 {
            map.apply(stakemap_core::demo::op(t0().date_naive()))
                .unwrap();
        } else {
            generate(&mut map, contacts);
        }
        let generated = started.elapsed().as_secs_f64();
        drop(map);
        let size = std::fs::metadata(&path).unwrap().len();
        let mut open = Vec::new();
        let mut check = Vec::new();
        let mut backup = Vec::new();
        let mut restore = Vec::new();
        for run in 0..7 {
            let started = Instant::now();
            let mut map = Map::open_with(&path, MapOptions::default().daily_backup(false)).unwrap();
            open.push(started.elapsed().as_secs_f64() * 1e3);
            let conn = Connection::open(&path).unwrap();
            let started = Instant::now();
            let _: String = conn
                .query_row("PRAGMA quick_check", [], |r| r.get(0))
                .unwrap();
            check.push(started.elapsed().as_secs_f64() * 1e3);
            drop(conn);
            let started = Instant::now();
            let taken = map.backup(BackupReason::Manual).unwrap();
            backup.push(started.elapsed().as_secs_f64() * 1e3);
            if run == 0 {
                let started = Instant::now();
                map.restore(&taken.id).unwrap();
                restore.push(started.elapsed().as_secs_f64() * 1e3);
            }
        }
        println!(
            "MEASURE {name}: file {} KiB (generated in {generated:.2} s); open {:.1} ms, of which \
             quick_check {:.1} ms; backup {:.1} ms; restore (with its before-restore backup) \
             {:.1} ms (medians of 7)",
            size / 1024,
            median(open),
            median(check),
            median(backup),
            median(restore),
        );
    }
}
