//! The design system's building blocks: icons drawn only from the sprite (a name from
//! metadata cannot inject markup), avatars' initials in every script.

use rapport_web::ui::avatar::{Avatar, initials};
use rapport_web::ui::icon::Icon;

#[test]
fn a_known_icon_is_drawn_and_an_unknown_name_falls_back_to_a_dot() {
    assert_eq!(Icon::named("users").name(), "users");
    assert_eq!(Icon::named("\"><script>alert(1)</script>").name(), "circle-dot");
    assert_eq!(Icon::named("").name(), "circle-dot");
    let drawn = Icon::named("house").to_string();
    assert!(drawn.starts_with("<svg class=\"icon\" aria-hidden=\"true\""), "{drawn}");
    assert!(drawn.ends_with("#house\"></use></svg>"), "{drawn}");
}

#[test]
fn initials_take_the_first_and_last_words_in_any_script() {
    assert_eq!(initials("Balázs Balogh"), "BB");
    assert_eq!(initials("Νίκος Γεωργίου"), "ΝΓ");
    assert_eq!(initials("maria de la cruz"), "MC");
    assert_eq!(initials("عبد الرحمن الهاشمي"), "عا");
    assert_eq!(initials("Cher"), "C");
    assert_eq!(initials("  "), "?");
    assert_eq!(initials("ßandra Weiß"), "SW");
}

#[test]
fn the_same_name_always_has_the_same_colour() {
    assert_eq!(Avatar::of("Anna Kovács").hue, Avatar::of(" Anna Kovács ").hue);
    assert!(Avatar::of("Anna Kovács").hue.starts_with("hue-"));
}
