//! A Hungarian business: Hungarian customers, staff in Budapest and Debrecen,
//! Hungarian texts. Names are data like any other (first name "Anna", family name
//! "Kovács"); the interface puts the family name first for Hungarian readers.

use super::records::ascii;
use super::{City, Country, LocaleData, PipelinePlan, Staff};

pub(crate) const HUNGARY: Country = Country {
    code: "HU",
    calling_code: "36",
    currency: "HUF",
    cities: &[
        City {
            name: "Budapest",
            postcodes: &["1052", "1061", "1072", "1117", "1138"],
            streets: &["Andrássy út", "Váci utca", "Rákóczi út", "Szent István körút", "Király utca", "Bartók Béla út"],
        },
        City {
            name: "Debrecen",
            postcodes: &["4024", "4025", "4026"],
            streets: &["Piac utca", "Hatvan utca", "Széchenyi utca", "Kossuth utca"],
        },
        City {
            name: "Szeged",
            postcodes: &["6720", "6721", "6722"],
            streets: &["Kárász utca", "Tisza Lajos körút", "Kossuth Lajos sugárút"],
        },
        City { name: "Pécs", postcodes: &["7621", "7622"], streets: &["Király utca", "Rákóczi út"] },
        City { name: "Győr", postcodes: &["9021", "9022"], streets: &["Baross Gábor út", "Árpád út"] },
    ],
    house_number_first: false,
    male: &["László", "István", "Gábor", "Zoltán", "Péter", "Attila", "Bence", "Árpád", "Tamás", "Balázs"],
    female: &["Anna", "Eszter", "Katalin", "Zsófia", "Réka", "Anikó", "Ildikó", "Judit", "Erzsébet", "Krisztina"],
    last: &[
        "Nagy",
        "Kovács",
        "Tóth",
        "Szabó",
        "Horváth",
        "Varga",
        "Kiss",
        "Molnár",
        "Németh",
        "Farkas",
        "Balogh",
        "Papp",
        "Takács",
        "Juhász",
        "Mészáros",
        "Őry",
    ],
    last_female: &[],
    family_first: true,
    latin: ascii,
    phones: &[("1", 8), ("20", 9), ("30", 9), ("70", 9), ("52", 8), ("62", 8)],
    domain: "hu",
    company_words: &[
        "Duna",
        "Tisza",
        "Mátra",
        "Balaton",
        "Pannon",
        "Kárpát",
        "Zemplén",
        "Bakony",
        "Alföld",
        "Tokaj",
        "Hungária",
    ],
    sectors: &["Kereskedelmi", "Élelmiszer", "Építő", "Informatikai", "Logisztikai", "Szolgáltató", "Gépipari"],
    legal_forms: &["{} Kft.", "{} Zrt.", "{} Bt."],
    titles: &[
        "Ügyvezető igazgató",
        "Beszerzési vezető",
        "Tulajdonos",
        "Értékesítési igazgató",
        "Könyvelő",
        "Üzletvezető",
        "Logisztikai vezető",
        "Pénzügyi igazgató",
    ],
    titles_female: &[],
};

const PIPELINES: [PipelinePlan; 2] = [
    (
        "Új üzletek",
        true,
        &[
            ("Minősítés", "open", 10),
            ("Igényfelmérés", "open", 25),
            ("Ajánlat", "open", 50),
            ("Tárgyalás", "open", 75),
            ("Megnyert", "won", 100),
            ("Elvesztett", "lost", 0),
        ],
    ),
    (
        "Szerződésmegújítások",
        false,
        &[
            ("Esedékes", "open", 60),
            ("Ajánlat elküldve", "open", 80),
            ("Megújítva", "won", 100),
            ("Lemondva", "lost", 0),
        ],
    ),
];

const STAFF: [Staff; 4] = [
    Staff {
        email: "admin@demo.example",
        name: "Szabó Péter",
        role: "administrator",
        team: 0,
        time_zone: "Europe/Budapest",
    },
    Staff {
        email: "kovacs.anna@demo.example",
        name: "Kovács Anna",
        role: "sales_manager",
        team: 0,
        time_zone: "Europe/Budapest",
    },
    Staff {
        email: "nagy.gabor@demo.example",
        name: "Nagy Gábor",
        role: "sales_rep",
        team: 0,
        time_zone: "Europe/Budapest",
    },
    Staff {
        email: "toth.eszter@demo.example",
        name: "Tóth Eszter",
        role: "sales_rep",
        team: 1,
        time_zone: "Europe/Budapest",
    },
];

pub(super) const LOCALE: LocaleData = LocaleData {
    language: "hu",
    countries: &[HUNGARY],
    weights: &[1],
    currencies: &["HUF"],
    staff: &STAFF,
    teams: ["Budapest", "Debrecen"],
    pipelines: &PIPELINES,
    deals: &[
        "Éves beszállítás",
        "Új üzlet berendezése",
        "Karbantartási szerződés",
        "Tavaszi rendelés",
        "Keretszerződés",
        "Kísérleti projekt",
    ],
    calls: &[
        ("Visszahívás a rendelés ügyében", "Megbeszéltük a következő szállítást és a fizetési feltételeket."),
        ("Rendelés visszaigazolása", "A mennyiségeket megerősítette, a szállítás kedden lesz."),
        ("Árajánlatkérés", "Árlistát kért az új termékekre, és mennyiségi kedvezményt szeretne."),
        ("Kérdés a szállításról", "Elküldtük a csomagkövetési számot és a várható érkezést."),
        ("Panasz késedelmes szállítás miatt", "A szállítás két napot késett; a következőnél elsőbbséget ígértünk."),
    ],
    meetings: &["Negyedéves áttekintés", "Termékbemutató", "Szerződésaláírás", "Látogatás az ügyfél telephelyén"],
    locations: &["Irodánk", "Az ügyfél telephelye", "Videóhívás"],
    tasks: &[
        "Árajánlat küldése",
        "Visszahívás a számla ügyében",
        "Szerződés előkészítése",
        "Készlet ellenőrzése a rendeléshez",
        "Katalógus küldése",
    ],
    notes: &[
        ("Preferenciák", "A szállítást kedd délelőttre kéri."),
        ("Család", "Két gyermeke van; a nagyobbik szeptemberben kezdi az egyetemet."),
        ("Látogatási jegyzet", "Érdekli az új katalógus, mintákat kért."),
        ("Fizetési szokások", "Mindig határidőre fizet; 60 napos fizetési határidőt kér."),
    ],
};
