//! A business in Riyadh with a branch in Dubai: customers in Saudi Arabia, the
//! Emirates and Egypt, Arabic texts, prices in riyals and dirhams.

use super::{City, Country, LocaleData, PipelinePlan, Staff};

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
    ("النيل", "alnile"),
    ("الدلتا", "aldelta"),
    ("للتجارة", "trading"),
    ("للمقاولات", "contracting"),
    ("للتقنية", "tech"),
    ("للأغذية", "foods"),
    ("للتوزيع", "distribution"),
    ("للنقليات", "transport"),
    ("للصناعات", "industries"),
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
const COMPANY_WORDS: &[&str] =
    &["النخبة", "الأفق", "الرواد", "الصفوة", "الخليج", "الواحة", "النخيل", "المنارة", "الريادة", "السنابل"];
const SECTORS: &[&str] = &["للتجارة", "للمقاولات", "للتقنية", "للأغذية", "للتوزيع", "للنقليات", "للصناعات"];
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
            postcodes: &["12211", "12241", "11564", "12611"],
            streets: &["طريق الملك فهد", "شارع العليا", "طريق الملك عبدالعزيز", "شارع التخصصي"],
        },
        City {
            name: "جدة",
            postcodes: &["21442", "23431", "21577"],
            streets: &["شارع التحلية", "طريق المدينة", "شارع فلسطين", "طريق الكورنيش"],
        },
        City {
            name: "الدمام",
            postcodes: &["32241", "31411"],
            streets: &["طريق الملك سعود", "شارع الأمير محمد بن فهد"],
        },
    ],
    house_number_first: false,
    male: GULF_MALE,
    female: GULF_FEMALE,
    last: &["العتيبي", "القحطاني", "الغامدي", "الحربي", "الزهراني", "الشمري", "الدوسري", "المطيري"],
    last_female: &[],
    family_first: false,
    latin,
    phones: &[("50", 9), ("53", 9), ("55", 9), ("56", 9), ("11", 9), ("12", 9)],
    domain: "com.sa",
    company_words: COMPANY_WORDS,
    sectors: SECTORS,
    legal_forms: LEGAL_FORMS,
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
            postcodes: &[],
            streets: &["شارع الشيخ زايد", "شارع الوصل", "شارع خالد بن الوليد", "شارع الرقة"],
        },
        City {
            name: "أبوظبي", postcodes: &[], streets: &["شارع الكورنيش", "شارع حمدان بن محمد", "شارع الشيخ خليفة"]
        },
    ],
    house_number_first: false,
    male: GULF_MALE,
    female: GULF_FEMALE,
    last: &["الشامسي", "المزروعي", "الكعبي", "الظاهري", "النعيمي", "المنصوري", "الهاشمي"],
    last_female: &[],
    family_first: false,
    latin,
    phones: &[("50", 9), ("52", 9), ("55", 9), ("56", 9), ("4", 8), ("2", 8)],
    domain: "ae",
    company_words: COMPANY_WORDS,
    sectors: SECTORS,
    legal_forms: LEGAL_FORMS,
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
            postcodes: &["11511", "11311", "11765"],
            streets: &["شارع التحرير", "شارع طلعت حرب", "شارع قصر النيل", "شارع رمسيس"],
        },
        City {
            name: "الإسكندرية",
            postcodes: &["21111", "21519"],
            streets: &["طريق الحرية", "شارع فؤاد", "طريق الجيش"],
        },
    ],
    house_number_first: false,
    male: &["محمد", "أحمد", "مصطفى", "محمود", "عمرو", "كريم", "طارق", "حسام"],
    female: &["فاطمة", "منى", "ياسمين", "نهى", "دينا", "سلمى", "هبة", "رانيا"],
    last: &["حسن", "المصري", "السيد", "الشريف", "فهمي", "عبدالرحمن", "منصور", "سالم"],
    last_female: &[],
    family_first: false,
    latin,
    phones: &[("10", 10), ("11", 10), ("12", 10), ("15", 10), ("2", 9), ("3", 9)],
    domain: "com.eg",
    company_words: &["النيل", "الدلتا", "الأفق", "الرواد", "المنارة", "السنابل"],
    sectors: SECTORS,
    legal_forms: LEGAL_FORMS,
    titles: TITLES,
    titles_female: TITLES_FEMALE,
};

const PIPELINES: [PipelinePlan; 2] = [
    (
        "صفقات جديدة",
        true,
        &[
            ("التأهيل", "open", 10),
            ("تحليل الاحتياجات", "open", 25),
            ("تقديم العرض", "open", 50),
            ("التفاوض", "open", 75),
            ("رابحة", "won", 100),
            ("خاسرة", "lost", 0),
        ],
    ),
    (
        "التجديدات",
        false,
        &[("مستحق التجديد", "open", 60), ("أُرسل العرض", "open", 80), ("جُدِّد", "won", 100), ("أُلغي", "lost", 0)],
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
