//! A business in Riyadh with a branch in Dubai: customers in Saudi Arabia, the
//! Emirates and Egypt, Arabic texts, prices in riyals and dirhams.

use super::names::Sector;
use super::{City, Country, LocaleData, PipelinePlan, Staff, StreetStyle, street_in};

/// How the demo's Arabic words are written in Latin letters in email addresses and web
/// domains: Arabic has several accepted spellings, so they are listed, not derived.
const LATIN: &[(&str, &str)] = &[
    ("محمد", "mohammed"),
    ("أحمد", "ahmed"),
    ("عبدالله", "abdullah"),
    ("خالد", "khaled"),
    ("يوسف", "yousef"),
    ("إبراهيم", "ibrahim"),
    ("عمر", "omar"),
    ("فيصل", "faisal"),
    ("سعود", "saud"),
    ("ماجد", "majed"),
    ("فاطمة", "fatima"),
    ("عائشة", "aisha"),
    ("مريم", "mariam"),
    ("نورة", "noura"),
    ("سارة", "sara"),
    ("ليلى", "laila"),
    ("هند", "hind"),
    ("ريم", "reem"),
    ("منى", "mona"),
    ("لطيفة", "latifa"),
    ("العتيبي", "alotaibi"),
    ("القحطاني", "alqahtani"),
    ("الغامدي", "alghamdi"),
    ("الحربي", "alharbi"),
    ("الزهراني", "alzahrani"),
    ("الشمري", "alshammari"),
    ("الدوسري", "aldosari"),
    ("المطيري", "almutairi"),
    ("السبيعي", "alsubaie"),
    ("العنزي", "alanazi"),
    ("الشهري", "alshehri"),
    ("البلوي", "albalawi"),
    ("السويدي", "alsuwaidi"),
    ("الفلاسي", "alfalasi"),
    ("البلوشي", "albalushi"),
    ("عثمان", "osman"),
    ("النجار", "elnaggar"),
    ("الشامسي", "alshamsi"),
    ("المزروعي", "almazrouei"),
    ("الكعبي", "alkaabi"),
    ("الظاهري", "aldhaheri"),
    ("النعيمي", "alnuaimi"),
    ("المنصوري", "almansouri"),
    ("الهاشمي", "alhashimi"),
    ("مصطفى", "mostafa"),
    ("محمود", "mahmoud"),
    ("عمرو", "amr"),
    ("كريم", "karim"),
    ("طارق", "tarek"),
    ("حسام", "hossam"),
    ("ياسمين", "yasmin"),
    ("نهى", "noha"),
    ("دينا", "dina"),
    ("سلمى", "salma"),
    ("هبة", "heba"),
    ("رانيا", "rania"),
    ("حسن", "hassan"),
    ("المصري", "elmasry"),
    ("السيد", "elsayed"),
    ("الشريف", "elsherif"),
    ("فهمي", "fahmy"),
    ("عبدالرحمن", "abdelrahman"),
    ("منصور", "mansour"),
    ("سالم", "salem"),
    ("النخبة", "alnukhba"),
    ("الأفق", "alofoq"),
    ("الرواد", "alrowad"),
    ("الصفوة", "alsafwa"),
    ("الخليج", "alkhaleej"),
    ("الواحة", "alwaha"),
    ("النخيل", "alnakheel"),
    ("المنارة", "almanara"),
    ("الريادة", "alriyada"),
    ("السنابل", "alsanabel"),
    ("الجزيرة", "aljazeera"),
    ("نجد", "najd"),
    ("الحجاز", "alhejaz"),
    ("الإمارات", "alemarat"),
    ("اللؤلؤة", "allulua"),
    ("الظفرة", "aldhafra"),
    ("الفجر", "alfajr"),
    ("المرجان", "almarjan"),
    ("النيل", "alnile"),
    ("الدلتا", "aldelta"),
    ("الأهرام", "alahram"),
    ("طيبة", "taiba"),
    ("الصعيد", "alsaeed"),
    ("القناة", "alqanah"),
    ("المحروسة", "almahrousa"),
    ("للتجارة", "trading"),
    ("للمقاولات", "contracting"),
    ("للتقنية", "tech"),
    ("للأغذية", "foods"),
    ("للتوزيع", "distribution"),
    ("للنقليات", "transport"),
    ("للصناعات", "industries"),
    ("للفنادق", "hotels"),
    ("للخدمات", "medical"),
    ("الطبية", "care"),
    ("للتجزئة", "retail"),
];

/// An Arabic name or word of the demo in Latin letters (العتيبي → alotaibi).
pub(super) fn latin(word: &str) -> String {
    let spelled: String = word
        .split_whitespace()
        .filter_map(|w| LATIN.iter().find(|(arabic, _)| *arabic == w))
        .map(|(_, l)| *l)
        .collect();
    super::records::ascii(&spelled)
}

const GULF_MALE: &[&str] = &["محمد", "أحمد", "عبدالله", "خالد", "يوسف", "إبراهيم", "عمر", "فيصل", "سعود", "ماجد"];
const GULF_FEMALE: &[&str] = &["فاطمة", "عائشة", "مريم", "نورة", "سارة", "ليلى", "هند", "ريم", "منى", "لطيفة"];
/// Lines of business, shared by the Arabic-speaking countries: their brands and
/// families tell their companies apart.
const SECTORS: &[Sector] = &[
    ("للتجارة", "wholesale"),
    ("للمقاولات", "construction"),
    ("للتقنية", "technology"),
    ("للأغذية", "manufacturing"),
    ("للتوزيع", "wholesale"),
    ("للنقليات", "services"),
    ("للصناعات", "manufacturing"),
    ("للفنادق", "hospitality"),
    ("للخدمات الطبية", "health"),
    ("للتجزئة", "retail"),
];
const LEGAL_FORMS: &[&str] = &["شركة {}", "مؤسسة {}", "شركة {} المحدودة"];
const TITLES: &[&str] = &[
    "الرئيس التنفيذي",
    "مدير المشتريات",
    "المالك",
    "مدير المبيعات",
    "محاسب",
    "مدير الفرع",
    "مسؤول الخدمات اللوجستية",
    "المدير المالي",
];
const TITLES_FEMALE: &[&str] = &[
    "الرئيسة التنفيذية",
    "مديرة المشتريات",
    "المالكة",
    "مديرة المبيعات",
    "محاسبة",
    "مديرة الفرع",
    "مسؤولة الخدمات اللوجستية",
    "المديرة المالية",
];

pub(crate) const SAUDI_ARABIA: Country = Country {
    code: "SA",
    calling_code: "966",
    currency: "SAR",
    cities: &[
        City {
            name: "الرياض",
            area: (&["11"], 9),
            streets: &[
                street_in("طريق الملك فهد", "حي العليا", "12214"),
                street_in("شارع العليا", "حي العليا", "12211"),
                street_in("طريق الملك عبدالعزيز", "حي المروج", "12283"),
                street_in("شارع التخصصي", "حي المعذر", "12331"),
            ],
        },
        City {
            name: "جدة",
            area: (&["12"], 9),
            streets: &[
                street_in("شارع التحلية", "حي الأندلس", "23326"),
                street_in("طريق المدينة", "حي الرويس", "23214"),
                street_in("شارع فلسطين", "حي الحمراء", "23323"),
                street_in("طريق الكورنيش", "حي الشاطئ", "23511"),
            ],
        },
        City {
            name: "الدمام",
            area: (&["13"], 9),
            streets: &[
                street_in("طريق الملك سعود", "حي العدامة", "32241"),
                street_in("شارع الأمير محمد بن فهد", "حي الفيصلية", "32272"),
            ],
        },
    ],
    streets: StreetStyle::Saudi,
    male: GULF_MALE,
    female: GULF_FEMALE,
    last: &[
        "العتيبي",
        "القحطاني",
        "الغامدي",
        "الحربي",
        "الزهراني",
        "الشمري",
        "الدوسري",
        "المطيري",
        "السبيعي",
        "العنزي",
        "الشهري",
        "البلوي",
    ],
    last_female: &[],
    family_first: false,
    latin,
    mobiles: (&["50", "53", "54", "55", "56", "59"], 9),
    domain: "com.sa",
    brands: &["النخبة", "الأفق", "الرواد", "الصفوة", "الريادة", "السنابل", "المنارة", "الجزيرة", "نجد", "الحجاز"],
    sectors: SECTORS,
    legal_forms: LEGAL_FORMS,
    partners: " و",
    owner_full_name: true,
    titles: TITLES,
    titles_female: TITLES_FEMALE,
};

const EMIRATES: Country = Country {
    code: "AE",
    calling_code: "971",
    currency: "AED",
    cities: &[
        City {
            name: "دبي",
            area: (&["4"], 8),
            streets: &[
                street_in("شارع الشيخ زايد", "مركز دبي التجاري العالمي", ""),
                street_in("شارع الوصل", "جميرا", ""),
                street_in("شارع خالد بن الوليد", "بر دبي", ""),
                street_in("شارع الرقة", "ديرة", ""),
            ],
        },
        City {
            name: "أبوظبي",
            area: (&["2"], 8),
            streets: &[
                street_in("شارع الكورنيش", "الخالدية", ""),
                street_in("شارع حمدان بن محمد", "المركزية", ""),
                street_in("شارع الشيخ خليفة", "الحصن", ""),
            ],
        },
    ],
    streets: StreetStyle::Emirati,
    male: GULF_MALE,
    female: GULF_FEMALE,
    last: &[
        "الشامسي",
        "المزروعي",
        "الكعبي",
        "الظاهري",
        "النعيمي",
        "المنصوري",
        "الهاشمي",
        "السويدي",
        "الفلاسي",
        "البلوشي",
    ],
    last_female: &[],
    family_first: false,
    latin,
    mobiles: (&["50", "52", "54", "55", "56", "58"], 9),
    domain: "ae",
    brands: &["الخليج", "الواحة", "النخيل", "الإمارات", "اللؤلؤة", "الظفرة", "الفجر", "المرجان"],
    sectors: SECTORS,
    legal_forms: LEGAL_FORMS,
    partners: " و",
    owner_full_name: true,
    titles: TITLES,
    titles_female: TITLES_FEMALE,
};

const EGYPT: Country = Country {
    code: "EG",
    calling_code: "20",
    currency: "EGP",
    cities: &[
        City {
            name: "القاهرة",
            // Cairo's eight-digit numbers start with 2 (Giza's with 3).
            area: (&["22", "23", "24", "25", "26", "27"], 9),
            streets: &[
                street_in("شارع طلعت حرب", "وسط البلد", "11511"),
                street_in("شارع قصر النيل", "وسط البلد", "11511"),
                street_in("شارع عباس العقاد", "مدينة نصر", "11765"),
                street_in("شارع التسعين", "التجمع الخامس", "11835"),
            ],
        },
        City {
            name: "الإسكندرية",
            area: (&["3"], 8),
            streets: &[
                street_in("طريق الحرية", "سيدي جابر", "21523"),
                street_in("شارع فؤاد", "محطة الرمل", "21131"),
                street_in("طريق الجيش", "سيدي بشر", "21611"),
            ],
        },
    ],
    streets: StreetStyle::NumberName,
    male: &["محمد", "أحمد", "مصطفى", "محمود", "عمرو", "كريم", "طارق", "حسام"],
    female: &["فاطمة", "منى", "ياسمين", "نهى", "دينا", "سلمى", "هبة", "رانيا"],
    last: &["حسن", "المصري", "السيد", "الشريف", "فهمي", "عبدالرحمن", "منصور", "سالم", "إبراهيم", "عثمان", "النجار"],
    last_female: &[],
    family_first: false,
    latin,
    mobiles: (&["10", "11", "12", "15"], 10),
    domain: "com.eg",
    brands: &["النيل", "الدلتا", "الأهرام", "طيبة", "الصعيد", "القناة", "المحروسة"],
    sectors: SECTORS,
    legal_forms: LEGAL_FORMS,
    partners: " و",
    owner_full_name: true,
    titles: TITLES,
    titles_female: TITLES_FEMALE,
};

const PIPELINES: [PipelinePlan; 2] = [
    (
        "صفقات جديدة",
        true,
        &[
            ("التأهيل", "open", 10, 26),
            ("تحليل الاحتياجات", "open", 25, 18),
            ("تقديم العرض", "open", 50, 13),
            ("التفاوض", "open", 75, 9),
            ("رابحة", "won", 100, 11),
            ("خاسرة", "lost", 0, 10),
        ],
    ),
    (
        "التجديدات",
        false,
        &[
            ("مستحق التجديد", "open", 60, 12),
            ("أُرسل العرض", "open", 80, 7),
            ("جُدِّد", "won", 100, 9),
            ("أُلغي", "lost", 0, 3),
        ],
    ),
];

const STAFF: [Staff; 4] = [
    Staff {
        email: "admin@demo.example",
        name: "عبدالله القحطاني",
        role: "administrator",
        team: 0,
        time_zone: "Asia/Riyadh",
    },
    Staff {
        email: "fatima.alzahrani@demo.example",
        name: "فاطمة الزهراني",
        role: "sales_manager",
        team: 0,
        time_zone: "Asia/Riyadh",
    },
    Staff {
        email: "mohammed.alotaibi@demo.example",
        name: "محمد العتيبي",
        role: "sales_rep",
        team: 0,
        time_zone: "Asia/Riyadh",
    },
    // The Dubai branch's rep keeps Dubai's clock.
    Staff {
        email: "mariam.alshamsi@demo.example",
        name: "مريم الشامسي",
        role: "sales_rep",
        team: 1,
        time_zone: "Asia/Dubai",
    },
];

pub(super) const LOCALE: LocaleData = LocaleData {
    language: "ar",
    region: "SA",
    countries: &[SAUDI_ARABIA, EMIRATES, EGYPT],
    weights: &[55, 25, 20],
    currencies: &["SAR", "AED"],
    staff: &STAFF,
    teams: ["الرياض", "دبي"],
    pipelines: &PIPELINES,
    deals: &["توريد سنوي", "تجهيز فرع جديد", "عقد صيانة", "طلبية الربيع", "اتفاقية إطارية", "مشروع تجريبي"],
    calls: &[
        ("مكالمة متابعة بخصوص الطلب", "ناقشنا موعد التوريد القادم وشروط الدفع."),
        ("تأكيد الطلب", "تم تأكيد الكميات، والتسليم يوم الثلاثاء."),
        ("استفسار عن الأسعار", "طلب العميل قائمة أسعار المنتجات الجديدة وخصمًا على الكميات."),
        ("استفسار عن موعد التسليم", "أرسلنا رقم تتبع الشحنة وموعد الوصول المتوقع."),
        ("شكوى من تأخر التسليم", "تأخر التسليم يومين، ووعدنا بأولوية في الطلب القادم."),
    ],
    meetings: &["المراجعة الربعية", "عرض المنتجات", "توقيع العقد", "زيارة موقع العميل"],
    locations: &["مكتبنا", "مقر العميل", "اجتماع مرئي"],
    tasks: &["إرسال عرض السعر", "الاتصال بخصوص الفاتورة", "إعداد العقد", "التحقق من المخزون للطلب", "إرسال الكتالوج"],
    notes: &[
        ("التفضيلات", "يفضّل التسليم صباح يوم الثلاثاء."),
        ("العائلة", "الابنة الكبرى تبدأ الدراسة الجامعية في سبتمبر."),
        ("ملاحظات الزيارة", "مهتم بالكتالوج الجديد ويطلب عينات."),
        ("عادات الدفع", "يلتزم بمواعيد الدفع ويطلب مهلة سداد 60 يومًا."),
    ],
};
