//! The international mix, and the default: a wholesale business in London with
//! customers in Britain, Greece, Hungary and Saudi Arabia (each written in their own
//! script), English texts, and an international staff in London and Manchester.

use super::ar::SAUDI_ARABIA;
use super::el::GREECE;
use super::hu::HUNGARY;
use super::records::ascii;
use super::{City, Country, LocaleData, PipelinePlan, Staff, StreetStyle, street};

const BRITAIN: Country = Country {
    code: "GB",
    calling_code: "44",
    currency: "GBP",
    cities: &[
        City {
            name: "London",
            area: (&["203", "207", "208"], 10),
            streets: &[
                street("Oxford Street", "W1D 1BS"),
                street("Baker Street", "NW1 6XE"),
                street("Borough High Street", "SE1 1JX"),
                street("Upper Street", "N1 0NY"),
            ],
        },
        City {
            name: "Manchester",
            area: (&["161"], 10),
            streets: &[street("Deansgate", "M3 2BW"), street("Market Street", "M1 1PT")],
        },
        City {
            name: "Leeds",
            area: (&["113"], 10),
            streets: &[street("Briggate", "LS1 6HD"), street("The Headrow", "LS1 8TL")],
        },
        City {
            name: "Bristol",
            area: (&["117"], 10),
            streets: &[street("Park Street", "BS1 5NT"), street("Corn Street", "BS1 1HT")],
        },
    ],
    streets: StreetStyle::NumberName,
    male: &["James", "Oliver", "Harry", "Jack", "George", "Thomas", "William"],
    female: &["Olivia", "Amelia", "Isla", "Emily", "Grace", "Sophie", "Charlotte"],
    last: &[
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas", "O'Brien", "Walker", "Davies",
        "Roberts", "Wright", "Hughes",
    ],
    last_female: &[],
    family_first: false,
    latin: ascii,
    mobiles: (&["74", "75", "77", "78", "79"], 10),
    domain: "co.uk",
    brands: &[
        "Northwind",
        "Blue Harbour",
        "Kestrel",
        "Oakridge",
        "Thames",
        "Highland",
        "Pennine",
        "Severn",
        "Redbrook",
        "Greyfriars",
        "Millbrook",
        "Ashdown",
        "Calder",
        "Wessex",
    ],
    sectors: &[
        ("Trading", "wholesale"),
        ("Foods", "manufacturing"),
        ("Engineering", "manufacturing"),
        ("Logistics", "services"),
        ("Supplies", "wholesale"),
        ("Systems", "technology"),
        ("Construction", "construction"),
        ("Hotels", "hospitality"),
        ("Healthcare", "health"),
        ("Stores", "retail"),
    ],
    legal_forms: &["{} Ltd", "{} Ltd", "{} Limited", "{} plc"],
    partners: " & ",
    owner_full_name: false,
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
            ("Qualification", "open", 10, 26),
            ("Needs analysis", "open", 25, 18),
            ("Proposal", "open", 50, 13),
            ("Negotiation", "open", 75, 9),
            ("Won", "won", 100, 11),
            ("Lost", "lost", 0, 10),
        ],
    ),
    (
        "Renewals",
        false,
        &[("Due", "open", 60, 12), ("Quoted", "open", 80, 7), ("Renewed", "won", 100, 9), ("Churned", "lost", 0, 3)],
    ),
];

/// The London office's staff: the sign-ins of earlier demos (benchmarks and
/// scripts sign in with them), now on London's clock.
const STAFF: [Staff; 4] = [
    Staff {
        email: "admin@demo.example",
        name: "Demo Administrator",
        role: "administrator",
        team: 0,
        time_zone: "Europe/London",
    },
    Staff {
        email: "maria.papadopoulou@demo.example",
        name: "Μαρία Παπαδοπούλου",
        role: "sales_manager",
        team: 0,
        time_zone: "Europe/London",
    },
    Staff {
        email: "nikos.georgiou@demo.example",
        name: "Νίκος Γεωργίου",
        role: "sales_rep",
        team: 0,
        time_zone: "Europe/London",
    },
    Staff {
        email: "eszter.kovacs@demo.example",
        name: "Kovács Eszter",
        role: "sales_rep",
        team: 1,
        time_zone: "Europe/London",
    },
];

/// The benchmark seed's customers by country (Greek, Hungarian, Saudi, British, as
/// in `COUNTRIES`): mostly Greek and Hungarian, as in the requirement documents.
pub(crate) const SEED_WEIGHTS: &[u32] = &[45, 30, 15, 10];

pub(super) const LOCALE: LocaleData = LocaleData {
    language: "en",
    region: "GB",
    countries: COUNTRIES,
    // Mostly British customers, then Greek, Hungarian and Saudi ones.
    weights: &[30, 20, 10, 40],
    currencies: &["GBP", "EUR", "HUF", "SAR"],
    staff: &STAFF,
    teams: ["London", "Manchester"],
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
