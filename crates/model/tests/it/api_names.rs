//! API names suggested from labels in every script administrators write them in.

use rapport_model::api_name::{from_label, suggest};
use rapport_model::field::is_valid_name;

fn name(label: &str) -> String {
    from_label(label).unwrap_or_else(|| panic!("no name for {label:?}"))
}

#[test]
fn greek_labels_are_transliterated_after_elot_743() {
    assert_eq!(name("Ημερομηνία γέννησης"), "imerominia_gennisis");
    assert_eq!(name("ΑΦΜ"), "afm");
    assert_eq!(name("Οδός"), "odos");
    assert_eq!(name("Ευθύνη πελάτη"), "efthyni_pelati");
    assert_eq!(name("Αυτοκίνητο"), "aftokinito");
    assert_eq!(name("Αγγλικά"), "anglika");
    assert_eq!(name("Ψυχή"), "psychi");
}

#[test]
fn arabic_labels_are_romanized_letter_by_letter() {
    assert_eq!(name("تاريخ الميلاد"), "tarykh_almylad");
    assert_eq!(name("رقم الهاتف"), "rqm_alhatf");
    // Hamza seats, ta marbuta, alef maksura and tashkeel fold before romanizing.
    assert_eq!(name("مُؤسَّسة"), "mwssh");
    assert_eq!(name("عنوان الشركة"), "anwan_alshrkh");
    // Arabic-Indic digits are digits.
    assert_eq!(name("سنة ٢٠٢٤"), "snh_2024");
}

#[test]
fn hungarian_and_other_latin_accents_are_stripped() {
    assert_eq!(name("Születési dátum"), "szuletesi_datum");
    assert_eq!(name("Őrző-védő szolgálat"), "orzo_vedo_szolgalat");
    assert_eq!(name("Straße"), "strasse");
    assert_eq!(name("Søknad på ærlig"), "soknad_pa_aerlig");
    assert_eq!(name("Łódź"), "lodz");
}

#[test]
fn cyrillic_labels_are_transliterated() {
    assert_eq!(name("Дата рождения"), "data_rozhdeniya");
}

#[test]
fn names_are_snake_case_start_with_a_letter_and_stay_short() {
    assert_eq!(name("  Shoe   size (EU) "), "shoe_size_eu");
    assert_eq!(name("2nd phone"), "nd_phone");
    assert_eq!(name("VAT-ID / Tax #"), "vat_id_tax");
    let long = name("A very long label that goes on and on about what the field holds");
    assert!(long.len() <= 40 && is_valid_name(&long), "{long}");
    assert_eq!(long, "a_very_long_label_that_goes_on_and_on");
    let one_word = name(&"x".repeat(80));
    assert_eq!(one_word.len(), 40);
    for label in ["Ημερομηνία γέννησης", "تاريخ الميلاد", "Születési dátum", "Дата рождения", "Mixed Ελληνικά and عربي"]
    {
        assert!(is_valid_name(&name(label)), "{label}");
    }
}

#[test]
fn a_label_with_nothing_to_transliterate_suggests_nothing() {
    for label in ["", "   ", "123", "★★★", "日本語", "שם", "٣٤٥"] {
        assert_eq!(from_label(label), None, "{label:?}");
    }
}

#[test]
fn a_label_with_nothing_to_make_a_name_of_gets_the_first_free_numbered_name() {
    let taken = ["field_1", "field_2", "email"];
    let is_taken = |n: &str| taken.contains(&n);
    assert_eq!(suggest("日本語", "field", is_taken), "field_3");
    assert_eq!(suggest("★", "field", |_| false), "field_1");
    assert_eq!(suggest("", "field", |_| false), "field_1");
    assert_eq!(suggest("Ημερομηνία γέννησης", "field", is_taken), "imerominia_gennisis");
    // A name made from the label stays what it is, taken or not (saving it is
    // refused with a reason).
    assert_eq!(suggest("Email", "field", is_taken), "email");
}
