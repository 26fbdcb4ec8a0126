//! Sheet names: the titles, made valid for Excel (at most 31 characters, none of `[]:*?/\`,
//! no apostrophe at either end) and unique in the workbook (case-insensitively, as Excel
//! compares them).

/// Excel's limit on a sheet name, in characters.
pub const MAX_LEN: usize = 31;

/// Valid, unique sheet names for the titles, in order.
pub fn sheet_names<'a>(titles: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for title in titles {
        let base = clean(title);
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name.to_lowercase()) {
            let suffix = format!("({n})");
            let keep = MAX_LEN.saturating_sub(suffix.chars().count());
            name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
            n += 1;
        }
        taken.push(name.to_lowercase());
        out.push(name);
    }
    out
}

/// The title without the characters Excel refuses, cut to 31 characters.
fn clean(title: &str) -> String {
    let s: String = title
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .take(MAX_LEN)
        .collect();
    let s = s.trim_matches('\'').to_string();
    if s.is_empty() {
        "Sheet".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_short_valid_and_unique() {
        let long = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三";
        let names = sheet_names([long, long, "a/b", "'x'", "A", "a", ""]);
        assert_eq!(names[0].chars().count(), 31);
        assert_eq!(names[1].chars().count(), 31);
        assert!(names[1].ends_with("(2)"));
        assert_eq!(names[2], "a_b");
        assert_eq!(names[3], "x");
        assert_eq!(names[4], "A");
        assert_eq!(names[5], "a(2)");
        assert_eq!(names[6], "Sheet");
    }
}
