//! The international mix, and the default: a wholesale business with customers in
//! Greece, Hungary, Saudi Arabia and Britain (each written in their own script), with
//! English texts and English-speaking staff in Athens and Budapest.

use super::ar::SAUDI_ARABIA;
use super::el::GREECE;
use super::hu::HUNGARY;
use super::records::ascii;
use super::{City, Country, LocaleData, PipelinePlan, Staff};

const BRITAIN: Country = Country {
    code: "GB",
    calling_code: "44",
    currency: "GBP",
    cities: &[
        City {
            name: "London",
            postcodes: &["EC1A 1BB", "W1D 3QF", "SE1 9SG", "N1 9GU"],
            streets: &["Oxford Street", "Baker Street", "Borough High Street", "Upper Street"],
        },
        City { name: "Manchester", postcodes: &["M1 1AE", "M2 5DB"], streets: &["Deansgate", "Market Street"] },
        City { name: "Leeds", postcodes: &["LS1 4AP", "LS1 6HQ"], streets: &["Briggate", "The Headrow"] },
        City { name: "Bristol", postcodes: &["BS1 4DJ", "BS1 5TR"], streets: &["Park Street", "Corn Street"] },
    ],
    house_number_first: true,
    male: &["James", "Oliver", "Harry", "Jack", "George", "Thomas", "William"],
    female: &["Olivia", "Amelia", "Isla", "Emily", "Grace", "Sophie", "Charlotte"],
    last: &["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas", "O'Brien", "Walker"],
    last_female: &[],
    family_first: false,
    latin: ascii,
    phones: &[("20", 10), ("161", 10), ("7700", 10)],
    domain: "co.uk",
    company_words: &["Northwind", "Blue Harbour", "Kestrel", "Oakridge", "Thames", "Highland"],
    sectors: &["Trading", "Foods", "Engineering", "Logistics", "Supplies", "Systems"],
    legal_forms: &["{} Ltd", "{} plc", "{} LLP"],
    titles: TITLES,
    titles_female: &[],
};

const TITLES: &[&str] =
    &["CEO", "Purchasing manager", "Owner", "Sales director", "Accountant", "Store manager", "Logistics lead", "CFO"];

/// The international mix's countries; the benchmark seed draws from them too. Their
/// people keep their names, places and companies, but the mix's texts are English, so
/// job titles are too.
pub(crate) const COUNTRIES: &[Country] = &[
    Country { titles: TITLES, titles_female: &[], ..GREECE },
    Country { titles: TITLES, titles_female: &[], ..HUNGARY },
    Country { titles: TITLES, titles_female: &[], ..SAUDI_ARABIA },
    BRITAIN,
];

const PIPELINES: [PipelinePlan; 2] = [
    (
        "New business",
        true,
        &[
            ("Qualification", "open", 10),
            ("Needs analysis", "open", 25),
            ("Proposal", "open", 50),
            ("Negotiation", "open", 75),
            ("Won", "won", 100),
            ("Lost", "lost", 0),
        ],
    ),
    (
        "Renewals",
        false,
        &[("Due", "open", 60), ("Quoted", "open", 80), ("Renewed", "won", 100), ("Churned", "lost", 0)],
    ),
];

/// As before the demo had locales: English profiles on UTC, so sign-ins, benchmarks
/// and screenshots made with earlier demos still hold.
const STAFF: [Staff; 4] = [
    Staff { email: "admin@demo.example", name: "Demo Administrator", role: "administrator", team: 0, time_zone: "UTC" },
    Staff {
        email: "maria.papadopoulou@demo.example",
        name: "Μαρία Παπαδοπούλου",
        role: "sales_manager",
        team: 0,
        time_zone: "UTC",
    },
    Staff {
        email: "nikos.georgiou@demo.example",
        name: "Νίκος Γεωργίου",
        role: "sales_rep",
        team: 0,
        time_zone: "UTC",
    },
    Staff { email: "eszter.kovacs@demo.example", name: "Kovács Eszter", role: "sales_rep", team: 1, time_zone: "UTC" },
];

pub(super) const LOCALE: LocaleData = LocaleData {
    language: "en",
    countries: COUNTRIES,
    weights: &[45, 30, 15, 10],
    currencies: &["EUR", "HUF", "SAR", "GBP"],
    staff: &STAFF,
    teams: ["Athens", "Budapest"],
    pipelines: &PIPELINES,
    deals: &["Annual supply", "New branch fit-out", "Service contract", "Spring order", "Framework agreement", "Pilot"],
    calls: &[
        ("Follow-up call", "Discussed the next delivery and payment terms."),
        ("Order confirmation", "Quantities confirmed; delivery on Tuesday."),
        ("Price enquiry", "Asked for the new price list and a volume discount."),
        ("Delivery question", "Sent the tracking number and the expected arrival date."),
        ("Complaint about delivery", "The delivery was two days late; promised priority on the next one."),
    ],
    meetings: &["Quarterly review", "Product demo", "Contract signing", "Site visit"],
    locations: &["Office", "Customer site", "Video call"],
    tasks: &["Send quote", "Call back about invoice", "Prepare contract", "Check stock for order", "Send catalogue"],
    notes: &[
        ("Preferences", "Prefers delivery on Tuesdays."),
        ("Family", "Daughter starts university in September."),
        ("Visit notes", "Interested in the new catalogue."),
        ("Payment habits", "Pays on time, asks for 60-day terms."),
    ],
};
