//! Contacts from CSV and vCard: each exporter's real header is recognised, encodings and
//! delimiters are read, organizations are matched or created, and duplicates are merged or
//! skipped as asked, never created twice.

use stakemap_core::interchange::csv::{ColumnAssignment, ColumnMapping, ContactField, CsvSource};
use stakemap_core::interchange::{
    self, Duplicates, ImportFormat, ImportOptions, ImportPlan, PlanAction, Progress,
};
use stakemap_core::model::Contact;
use stakemap_core::{EntityKind, Map, Record};

use crate::support::{new_map, populate};

fn plan_with(
    map: &Map,
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> stakemap_core::Result<ImportPlan> {
    interchange::plan(&map.snapshot()?, name, bytes, options, &mut |_| {})
}

fn plan(map: &Map, name: &str, bytes: &[u8], duplicates: Duplicates) -> ImportPlan {
    let options = ImportOptions {
        duplicates,
        ..ImportOptions::default()
    };
    plan_with(map, name, bytes, &options).unwrap()
}

/// A mapping of the first columns, in order, to `fields`.
fn columns(fields: &[ContactField]) -> ColumnMapping {
    ColumnMapping {
        columns: (0u32..)
            .zip(fields)
            .map(|(column, field)| ColumnAssignment {
                column,
                field: *field,
            })
            .collect(),
    }
}

fn contacts(map: &Map) -> Vec<Contact> {
    map.snapshot().unwrap().contacts
}

fn find(map: &Map, name: &str) -> Contact {
    contacts(map)
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no contact {name}"))
}

fn org_name(map: &Map, contact: &Contact) -> String {
    let id = contact.organization.clone().expect("an organization");
    match map.get(EntityKind::Organization, &id).unwrap() {
        Some(Record::Organization(o)) => o.name,
        other => panic!("{other:?}"),
    }
}

const LINKEDIN: &str = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nIngrid,Solberg,https://www.linkedin.com/in/ingrid,ingrid@fjord.example,Fjord Energy,\"VP, Operations\",12 Jan 2024\nDana,Ruiz,https://www.linkedin.com/in/dana,,NORTHWIND,Chief Financial Officer,03 Mar 2023\nTomás,Ibáñez,https://www.linkedin.com/in/tomas,,Société Générale,Analyst,01 Feb 2023\nTomas,Ibanez,https://www.linkedin.com/in/tomas2,tomas@sg.example,societe generale,,05 Feb 2023\n";

#[test]
fn linkedin_connections_with_their_preamble() {
    let (_dir, mut map) = new_map();
    populate(&mut map);
    let plan = plan(
        &map,
        "Connections.csv",
        LINKEDIN.as_bytes(),
        Duplicates::Skip,
    );
    assert_eq!(plan.format, ImportFormat::Csv);
    assert_eq!(plan.recognised, CsvSource::Linkedin.label());
    let actions: Vec<(PlanAction, &str, &str)> = plan
        .items
        .iter()
        .map(|i| (i.action, i.name.as_str(), i.location.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            (PlanAction::Create, "Fjord Energy", "line 5"),
            (PlanAction::Create, "Société Générale", "line 7"),
            (PlanAction::Create, "Ingrid Solberg", "line 5"),
            (PlanAction::Skip, "Dana Ruiz", "line 6"),
            (PlanAction::Create, "Tomás Ibáñez", "line 7"),
            (PlanAction::Skip, "Tomás Ibáñez", "line 8"),
        ]
    );
    assert_eq!(
        plan.items[3].reason,
        "same name and organization as Dana Ruiz in the map"
    );
    assert_eq!(
        plan.items[5].reason,
        "same name and organization as Tomás Ibáñez (line 7)"
    );
    assert_eq!((plan.counts.created, plan.counts.skipped), (4, 2));
    interchange::apply(&mut map, &plan).unwrap();
    let ingrid = find(&map, "Ingrid Solberg");
    assert_eq!(ingrid.title, "VP, Operations");
    assert_eq!(ingrid.email, "ingrid@fjord.example");
    assert_eq!(org_name(&map, &ingrid), "Fjord Energy");
    assert_eq!(contacts(&map).len(), 5);
}

#[test]
fn duplicates_are_merged_when_asked_filling_blanks_only() {
    let (_dir, mut map) = new_map();
    populate(&mut map);
    let plan = plan(
        &map,
        "Connections.csv",
        LINKEDIN.as_bytes(),
        Duplicates::Merge,
    );
    let dana = plan.items.iter().find(|i| i.name == "Dana Ruiz").unwrap();
    assert_eq!(dana.action, PlanAction::Merge);
    assert_eq!(
        dana.reason,
        "same name and organization as Dana Ruiz in the map: adds title"
    );
    let tomas = plan
        .items
        .iter()
        .rfind(|i| i.name == "Tomás Ibáñez")
        .unwrap();
    assert_eq!(tomas.action, PlanAction::Merge, "{}", tomas.reason);
    interchange::apply(&mut map, &plan).unwrap();
    assert_eq!(find(&map, "Dana Ruiz").title, "Chief Financial Officer");
    assert_eq!(find(&map, "Tomás Ibáñez").email, "tomas@sg.example");
    assert_eq!(contacts(&map).len(), 5, "merged, not duplicated");
    // The same file again: everything is already there.
    let again = self::plan(
        &map,
        "Connections.csv",
        LINKEDIN.as_bytes(),
        Duplicates::Merge,
    );
    assert_eq!((again.counts.created, again.counts.merged), (0, 0));
}

#[test]
fn duplicates_by_email_ignore_case() {
    let (_dir, mut map) = new_map();
    let ids = populate(&mut map);
    let mut dana = find(&map, "Dana Ruiz");
    dana.email = "Dana.Ruiz@Northwind.example".into();
    map.apply(stakemap_core::Op::Put {
        record: Record::Contact(dana),
    })
    .unwrap();
    let csv = "Name,Email,Company\nD. Ruiz,dana.ruiz@northwind.EXAMPLE,Elsewhere\n";
    let mapping = columns(&[
        ContactField::Name,
        ContactField::Email,
        ContactField::Organization,
    ]);
    let options = ImportOptions {
        mapping: Some(mapping),
        ..ImportOptions::default()
    };
    let plan = plan_with(&map, "people.csv", csv.as_bytes(), &options).unwrap();
    let item = plan
        .items
        .iter()
        .find(|i| i.kind == EntityKind::Contact)
        .unwrap();
    assert_eq!(item.action, PlanAction::Skip);
    assert_eq!(item.id, ids.dana);
    assert_eq!(item.reason, "same email as Dana Ruiz in the map");
}

fn utf16le(text: &str) -> Vec<u8> {
    [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect()
}

fn utf16be(text: &str) -> Vec<u8> {
    [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(|u| u.to_be_bytes()))
        .collect()
}

/// One exporter's file: name, bytes, source, and one contact's name, organization and title.
type Case = (
    &'static str,
    Vec<u8>,
    CsvSource,
    &'static str,
    &'static str,
    &'static str,
);

#[test]
fn each_exporter_is_recognised_by_its_header() {
    let google = "\u{FEFF}First Name;Middle Name;Last Name;Phonetic First Name;Phonetic Middle Name;Phonetic Last Name;Name Prefix;Name Suffix;Nickname;File As;Organization Name;Organization Title;Organization Department;Birthday;Notes;Photo;Labels;E-mail 1 - Label;E-mail 1 - Value;Phone 1 - Label;Phone 1 - Value;Address 1 - Label;Address 1 - Formatted;Address 1 - Street;Address 1 - City;Address 1 - PO Box;Address 1 - Region;Address 1 - Postal Code;Address 1 - Country;Address 1 - Extended Address\nAmara;;Okafor;;;;;;;;Lagos Ports;Harbour Master;;;\"Met at the summit.\nLikes sailing.\";;* myContacts ::: Clients;Work;amara@ports.example;Mobile;+234 1 234;Work;;;Lagos;;Lagos State;;Nigeria;\n";
    let google_legacy = "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title\nKenji Sato,Kenji,,Sato,,,,,,,,,,,,,,,,,,,,,,,,,* myContacts,* Work,kenji@sato.example,Mobile,+81 3 1234,,Sato Trading,,Buyer\n";
    let outlook = "First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,Anniversary,Location,Language,Internet Free Busy,Notes,E-mail Address,E-mail 2 Address,E-mail 3 Address,Primary Phone,Home Phone,Home Phone 2,Mobile Phone,Pager,Home Fax,Home Address,Home Street,Home Street 2,Home Street 3,Home Address PO Box,Home City,Home State,Home Postal Code,Home Country/Region,Spouse,Children,Manager's Name,Assistant's Name,Referred By,Company Main Phone,Business Phone,Business Phone 2,Business Fax,Assistant's Phone,Company,Job Title,Department,Office Location,Organizational ID Number,Profession,Account,Business Address,Business Street,Business Street 2,Business Street 3,Business Address PO Box,Business City,Business State,Business Postal Code,Business Country/Region,Categories\nLena,,Vogel,Dr.,,,,,,,,,,,lena@vogel.example,,,,,,+49 170 1,,,,,,,,,,,,,,,,,,+49 30 1,,,,Vogel AG,Head of Procurement,,,,,,,,,,,Berlin,,,Germany,Suppliers;Key\n";
    let salesforce = "Salutation\tFirst Name\tLast Name\tTitle\tAccount Name\tMailing Street\tMailing City\tMailing State/Province\tMailing Zip/Postal Code\tMailing Country\tPhone\tMobile\tEmail\tContact Owner\nMs.\tPriya\tNair\tCIO\tAcme Corp\t1 Main St\tAustin\tTX\t73301\tUSA\t+1 512 555\t\tpriya@acme.example\tSam Owner\n";
    let hubspot = "Record ID,First Name,Last Name,Email,Phone Number,Contact owner,Lifecycle Stage,Lead Status,Create Date,Company Name,Job Title,City,Country/Region\n1001,Omar,Haddad,omar@dune.example,+971 4 1,Alex,Customer,,2024-01-02,Dune Logistics,COO,Dubai,United Arab Emirates\n";
    let cases: Vec<Case> = vec![
        (
            "google.csv",
            google.as_bytes().to_vec(),
            CsvSource::GoogleContacts,
            "Amara Okafor",
            "Lagos Ports",
            "Harbour Master",
        ),
        (
            "google-legacy.csv",
            google_legacy.as_bytes().to_vec(),
            CsvSource::GoogleContacts,
            "Kenji Sato",
            "Sato Trading",
            "Buyer",
        ),
        (
            "outlook.csv",
            utf16le(outlook),
            CsvSource::Outlook,
            "Lena Vogel",
            "Vogel AG",
            "Head of Procurement",
        ),
        (
            "salesforce.csv",
            utf16be(salesforce),
            CsvSource::Salesforce,
            "Priya Nair",
            "Acme Corp",
            "CIO",
        ),
        (
            "hubspot.csv",
            hubspot.as_bytes().to_vec(),
            CsvSource::Hubspot,
            "Omar Haddad",
            "Dune Logistics",
            "COO",
        ),
    ];
    for (file, bytes, source, name, org, title) in cases {
        let (_dir, mut map) = new_map();
        let preview = interchange::csv::inspect(&bytes).unwrap();
        assert_eq!(preview.source, Some(source), "{file}");
        let plan = plan(&map, file, &bytes, Duplicates::Skip);
        assert_eq!(plan.recognised, source.label(), "{file}");
        assert_eq!(plan.counts.created, 2, "{file}: {:?}", plan.items);
        interchange::apply(&mut map, &plan).unwrap();
        let c = find(&map, name);
        assert_eq!(org_name(&map, &c), org, "{file}");
        assert_eq!(c.title, title, "{file}");
        assert!(!c.email.is_empty() && !c.phone.is_empty(), "{file}: {c:?}");
    }
    // Details: Google's multi-line notes and labels, Outlook's categories and business city.
    let (_dir, mut map) = new_map();
    let p = plan(&map, "google.csv", google.as_bytes(), Duplicates::Skip);
    interchange::apply(&mut map, &p).unwrap();
    let amara = find(&map, "Amara Okafor");
    assert_eq!(amara.notes, "Met at the summit.\nLikes sailing.");
    assert_eq!(amara.tags, ["Clients"]);
    assert_eq!(amara.location, "Lagos, Lagos State, Nigeria");
    let p = plan(&map, "outlook.csv", &utf16le(outlook), Duplicates::Skip);
    interchange::apply(&mut map, &p).unwrap();
    let lena = find(&map, "Lena Vogel");
    assert_eq!(lena.tags, ["Suppliers", "Key"]);
    assert_eq!(lena.location, "Berlin, Germany");
    assert_eq!(
        lena.phone, "+49 30 1",
        "the business phone comes before the mobile"
    );
}

#[test]
fn an_unrecognised_file_needs_a_column_mapping() {
    let (_dir, mut map) = new_map();
    let csv = "Full name;Mail;Firm;Remarks\n\"Rui Costa\";rui@costa.example;\"Costa; Filhos\";\"two\nlines\"\n";
    let err = plan_with(&map, "crm.csv", csv.as_bytes(), &ImportOptions::default()).unwrap_err();
    assert_eq!(err.field(), Some("line 1"));
    assert!(err.to_string().contains("give a column mapping"), "{err}");
    let preview = interchange::csv::inspect(csv.as_bytes()).unwrap();
    assert_eq!(preview.delimiter, ";");
    assert_eq!(preview.headers, ["Full name", "Mail", "Firm", "Remarks"]);
    assert_eq!(preview.sample[0][2], "Costa; Filhos");
    let mapping = columns(&[
        ContactField::Name,
        ContactField::Email,
        ContactField::Organization,
        ContactField::Notes,
    ]);
    let options = ImportOptions {
        mapping: Some(mapping),
        ..ImportOptions::default()
    };
    let plan = plan_with(&map, "crm.csv", csv.as_bytes(), &options).unwrap();
    assert_eq!(plan.recognised, "CSV with a column mapping");
    interchange::apply(&mut map, &plan).unwrap();
    let rui = find(&map, "Rui Costa");
    assert_eq!(rui.notes, "two\nlines");
    assert_eq!(org_name(&map, &rui), "Costa; Filhos");
}

#[test]
fn stakemaps_own_contacts_csv_reads_back() {
    let (_dir, mut map) = new_map();
    map.apply(stakemap_core::demo::op(
        chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
    ))
    .unwrap();
    let bytes = interchange::export::contacts_csv(&map.snapshot().unwrap()).unwrap();
    let (_dir2, mut copy) = new_map();
    let plan = plan(&copy, "contacts.csv", &bytes, Duplicates::Skip);
    assert_eq!(plan.recognised, CsvSource::Stakemap.label());
    interchange::apply(&mut copy, &plan).unwrap();
    let strip = |map: &Map| {
        let s = map.snapshot().unwrap();
        let orgs: std::collections::HashMap<_, _> = s
            .organizations
            .iter()
            .map(|o| (o.id.clone(), o.name.clone()))
            .collect();
        let mut rows: Vec<_> = s
            .contacts
            .iter()
            .map(|c| {
                let org = c.organization.as_ref().map(|o| orgs[o].clone());
                (
                    c.name.clone(),
                    c.title.clone(),
                    org,
                    c.email.clone(),
                    c.phone.clone(),
                    c.location.clone(),
                    c.tags.clone(),
                    c.notes.clone(),
                )
            })
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(strip(&copy), strip(&map));
}

#[test]
fn five_thousand_contacts_import_in_one_step_with_progress() {
    let (_dir, mut map) = new_map();
    populate(&mut map);
    let mut csv =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    for n in 0..5000 {
        csv.push_str(&format!(
            "Person{n},Family{},https://x.example/{n},p{n}@company{}.example,Company {},\"Title {n}, Dept\",01 Jan 2024\n",
            n % 97,
            n % 40,
            n % 40
        ));
    }
    let started = std::time::Instant::now();
    let mut seen: Vec<Progress> = Vec::new();
    let plan = interchange::plan(
        &map.snapshot().unwrap(),
        "big.csv",
        csv.as_bytes(),
        &ImportOptions::default(),
        &mut |p| seen.push(p),
    )
    .unwrap();
    let planned = started.elapsed();
    interchange::apply(&mut map, &plan).unwrap();
    eprintln!(
        "5,000-contact CSV: planned in {planned:?}, planned and written in {:?}",
        started.elapsed()
    );
    assert_eq!(
        plan.counts.created, 5040,
        "5,000 contacts and 40 organizations"
    );
    assert!(
        seen.len() >= 20,
        "progress was reported {} times",
        seen.len()
    );
    assert_eq!(
        seen.last(),
        Some(&Progress {
            done: 5040,
            total: 5040
        })
    );
    assert_eq!(map.summary().unwrap().contacts, 5003);
    map.undo().unwrap();
    assert_eq!(
        map.summary().unwrap().contacts,
        3,
        "one undo reverts the import"
    );
}

const VCARDS: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lindqvist;Astrid;Maria;Dr.;\r\nFN:Astrid Lindqvist\r\nORG:Nordic Rail;Procurement\r\nTITLE:Head of Procurement\\, Nordics\r\nEMAIL;TYPE=INTERNET,WORK:astrid@nordicrail.example\r\nTEL;TYPE=WORK,VOICE:+46 8 123 45\r\nADR;TYPE=WORK:;;Vasagatan 1;Stockholm;;111 20;Sweden\r\nNOTE:Prefers email.\\nDecides on rolling stock.\r\nCATEGORIES:Rail,Key account\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dana Ruiz\r\nORG:Northwind\r\nEMAIL;PREF=1:dana@northwind.example\r\nNOTE:A long note that was folded by the exporter because it is lon\r\n ger than seventy-five octets.\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=F6rg\r\nTEL;WORK:+49 89 1\r\nEND:VCARD\r\n";

#[test]
fn vcards_of_each_version_become_contacts() {
    let (_dir, mut map) = new_map();
    populate(&mut map);
    let plan = plan(&map, "contacts.vcf", VCARDS.as_bytes(), Duplicates::Merge);
    assert_eq!(plan.format, ImportFormat::Vcard);
    assert_eq!(plan.recognised, "vCard 3.0, 4.0, 2.1");
    let dana = plan.items.iter().find(|i| i.name == "Dana Ruiz").unwrap();
    assert_eq!(dana.action, PlanAction::Merge, "{}", dana.reason);
    assert_eq!(dana.location, "card 2 (line 13)");
    interchange::apply(&mut map, &plan).unwrap();
    let astrid = find(&map, "Astrid Lindqvist");
    assert_eq!(astrid.title, "Head of Procurement, Nordics");
    assert_eq!(org_name(&map, &astrid), "Nordic Rail");
    assert_eq!(astrid.phone, "+46 8 123 45");
    assert_eq!(astrid.location, "Stockholm, Sweden");
    assert_eq!(astrid.notes, "Prefers email.\nDecides on rolling stock.");
    assert_eq!(astrid.tags, ["Rail", "Key account"]);
    let dana = find(&map, "Dana Ruiz");
    assert_eq!(dana.email, "dana@northwind.example");
    assert!(
        dana.notes.contains("because it is longer than"),
        "{}",
        dana.notes
    );
    assert_eq!(find(&map, "Jörg Müller").phone, "+49 89 1");
    assert_eq!(contacts(&map).len(), 5);
}
