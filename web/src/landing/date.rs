//! The meeting's date on the start page: kept as `YYYY-MM-DD` (what `<input
//! type=date>` gives), shown written out in the page's language ("woensdag 14 mei
//! 2025", "Wednesday 14 May 2025"), as an invitation says it.

use wasm_bindgen::JsValue;

use crate::i18n::Lang;

/// Today on this device, `YYYY-MM-DD` (local time: the facilitator's day, not UTC's).
pub(super) fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// `YYYY-MM-DD` written out; anything else as it is.
pub(super) fn long(lang: Lang, iso: &str) -> String {
    let Some((year, month, day)) = parse(iso) else {
        return iso.to_owned();
    };
    let date = js_sys::Date::new_with_year_month_day(year, month as i32 - 1, day as i32);
    let options = js_sys::Object::new();
    for (name, value) in [
        ("weekday", "long"),
        ("day", "numeric"),
        ("month", "long"),
        ("year", "numeric"),
    ] {
        let _ = js_sys::Reflect::set(&options, &name.into(), &JsValue::from_str(value));
    }
    // English as in Britain and the Netherlands: day before month.
    let locale = match lang {
        Lang::Nl => "nl-NL",
        Lang::En => "en-GB",
    };
    date.to_locale_date_string(locale, &options).into()
}

fn parse(iso: &str) -> Option<(u32, u32, u32)> {
    let mut parts = iso.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}
