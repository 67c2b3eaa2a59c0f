//! Cell values: an item's answer from its cell (a number, a scale label or
//! the item's anchor text, full-width digits too), and times and dates.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

use crate::answers::is_skip;
use crate::i18n;
use crate::lang::Lang;
use crate::rubric::Rubric;

use super::columns::column_name;
use super::decode::Cell;

/// Full-width digits and signs (as typed with a Chinese input method) as ASCII.
fn halfwidth(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '－' => '-',
            c => c,
        })
        .collect()
}

fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a == b || a.eq_ignore_ascii_case(b)
}

/// An item's answer from its cell: Ok(None) is skipped; Err is the message.
pub(super) fn item_value(
    cell: &Cell,
    item: &crate::rubric::Item,
    rubric: &Rubric,
    lang: Lang,
) -> Result<Option<i64>, String> {
    let text = i18n::msg(lang);
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    let whole = |v: f64| -> Result<Option<i64>, String> {
        if v.fract() == 0.0 && v >= min as f64 && v <= max as f64 {
            Ok(Some(v as i64))
        } else if v.fract() == 0.0 {
            Err(text.cell_out_of_scale(v, min, max))
        } else {
            Err(text.cell_not_whole(&v.to_string()))
        }
    };
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(v) => whole(*v),
        Cell::Text(s) => {
            // Most cells are a plain number: no copy for them.
            if let Ok(v) = s.trim().parse::<i64>() {
                return whole(v as f64);
            }
            if is_skip(s) {
                return Ok(None);
            }
            let h = halfwidth(s);
            if let Ok(v) = h.parse::<i64>() {
                return whole(v as f64);
            }
            if let Ok(v) = h.parse::<f64>()
                && v.is_finite()
            {
                return whole(v);
            }
            for (k, label) in rubric.scale.labels.iter().enumerate() {
                if label.strings().iter().any(|(_, t)| same_text(t, s)) {
                    return Ok(Some(min + k as i64));
                }
            }
            if let Some(anchors) = &item.anchors {
                for (k, a) in anchors.iter().enumerate() {
                    if a.strings().iter().any(|(_, t)| same_text(t, s)) {
                        return Ok(Some(min + k as i64));
                    }
                }
            }
            Err(text.cell_not_an_option(s.trim(), min, max))
        }
        Cell::Bool(b) => Err(text.cell_not_whole(&b.to_string())),
        Cell::Date(_) => Err(text.cell_is_date().to_string()),
        Cell::Error(e) => Err(text.cell_error_value(e)),
    }
}

/// An Excel serial date (days since 1899-12-30) as a local time.
fn excel_date(serial: f64) -> Option<NaiveDateTime> {
    if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let secs = (serial * 86_400.0).round() as i64;
    base.checked_add_signed(chrono::Duration::seconds(secs))
}

/// A time as written in a form export: RFC 3339, or a local date and time
/// such as "2026/11/28 9:30:12", "2026-11-28 09:30" or "2026-11-28".
pub(super) fn taken_at(cell: &Cell, offset: FixedOffset) -> Option<String> {
    let naive = match cell {
        Cell::Date(d) => excel_date(*d)?,
        Cell::Text(s) => {
            let s = s.trim();
            if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
                return Some(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false));
            }
            let s = s.replace('/', "-").replace('T', " ");
            let dt = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d-%b-%Y %H:%M:%S", "%d-%b-%Y %H:%M"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(&s, f).ok())
                .or_else(|| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)));
            dt?
        }
        _ => return None,
    };
    let t = offset.from_local_datetime(&naive).single()?;
    Some(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
}

/// A 问卷星 numeric export's code for a question not answered: −2 (skipped
/// by the form's logic) or −3 (not shown), where the scale has no such value.
pub(super) fn not_answered_code(cell: &Cell, min: i64, max: i64) -> bool {
    let v = match cell {
        Cell::Number(v) => *v,
        Cell::Text(s) => match halfwidth(s).parse::<f64>() {
            Ok(v) => v,
            Err(_) => return false,
        },
        _ => return false,
    };
    (v == -2.0 || v == -3.0) && !(min as f64..=max as f64).contains(&v)
}

/// Time spent answering as a form service writes it: "235秒", "3分55秒",
/// "1小时2分3秒", "235" (seconds), "00:03:55" or "3:55", or a number;
/// None where it is not one.
pub(super) fn seconds(cell: &Cell) -> Option<f64> {
    let s = match cell {
        Cell::Number(v) => return (v.is_finite() && *v >= 0.0).then_some(*v),
        Cell::Text(s) => halfwidth(s),
        _ => return None,
    };
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let whole = |t: &str| -> Option<f64> {
        let t = t.trim();
        (!t.is_empty() && t.chars().all(|c| c.is_ascii_digit())).then(|| t.parse::<f64>().ok()).flatten()
    };
    if let Some(v) = whole(s) {
        return Some(v);
    }
    if s.contains(':') {
        let parts: Vec<&str> = s.split(':').collect();
        if !(2..=3).contains(&parts.len()) {
            return None;
        }
        let mut total = 0.0;
        for (k, p) in parts.iter().enumerate() {
            let v = whole(p)?;
            if k > 0 && v >= 60.0 {
                return None;
            }
            total = total * 60.0 + v;
        }
        return Some(total);
    }
    // 1小时2分3秒, 3分55秒, 235秒, 3分钟
    let mut total = 0.0;
    let mut rest = s;
    let mut any = false;
    for (unit, factor) in [("小时", 3600.0), ("时", 3600.0), ("分钟", 60.0), ("分", 60.0), ("秒", 1.0)] {
        if let Some((n, after)) = rest.split_once(unit) {
            total += whole(n)? * factor;
            rest = after;
            any = true;
        }
    }
    (any && rest.trim().is_empty()).then_some(total)
}

/// "row 7, column D (learning.routine): "
pub(super) fn place(row: usize, col: usize, header: &str, lang: Lang) -> String {
    i18n::msg(lang).cell_place(row, &column_name(col, header, lang))
}
