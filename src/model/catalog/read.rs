//! Reading a catalog: its files from a folder (`--catalog DIR`) or from the binary, each row
//! checked, every error with its file and line.

use super::*;

impl Catalog {
    /// Loads a catalog from a folder holding the files of `catalog/2024/`.
    pub fn from_dir(dir: &Path) -> Result<Catalog, CatalogError> {
        let mut files = Vec::new();
        for name in FILES {
            let path = dir.join(name);
            if name == FUND_FILE && !path.exists() {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| CatalogError {
                file: path.display().to_string(),
                line: 0,
                message: match e.kind() {
                    std::io::ErrorKind::NotFound => {
                        let needed: Vec<&str> =
                            FILES.iter().filter(|f| **f != FUND_FILE).copied().collect();
                        let (zh, en) = (needed.join("、"), needed.join(", "));
                        t!(
                            "缺少此文件：科目表目录应有 {zh}，可另有 {FUND_FILE}（见 catalog/README.md）",
                            "missing: a catalog folder holds {en} and, optionally, {FUND_FILE} \
                             (catalog/README.md)"
                        )
                    }
                    _ => cannot_read(&e),
                },
            })?;
            files.push((name.to_string(), text));
        }
        let mut crosswalks: Vec<String> = std::fs::read_dir(dir)
            .map_err(|e| CatalogError {
                file: dir.display().to_string(),
                line: 0,
                message: {
                    let why = reason(&e);
                    let (zh, en) = (&why.zh, &why.en);
                    t!("无法列出目录：{zh}", "cannot list the folder: {en}")
                },
            })?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| crosswalk_year(n).is_some())
            .collect();
        crosswalks.sort();
        for name in crosswalks {
            let path = dir.join(&name);
            let text = std::fs::read_to_string(&path).map_err(|e| CatalogError {
                file: path.display().to_string(),
                line: 0,
                message: cannot_read(&e),
            })?;
            files.push((name, text));
        }
        let year = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Catalog::from_files(&year, &files).map_err(|e| CatalogError {
            file: dir.join(&e.file).display().to_string(),
            ..e
        })
    }

    pub(super) fn from_embedded(
        year: &str,
        files: &[(&str, &str)],
    ) -> Result<Catalog, CatalogError> {
        let crosswalks = EMBEDDED_CROSSWALKS
            .iter()
            .filter(|(y, _, _)| *y == year)
            .map(|(_, n, t)| (*n, *t));
        let files: Vec<(String, String)> = files
            .iter()
            .copied()
            .chain(crosswalks)
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        Catalog::from_files(year, &files)
    }

    pub(super) fn from_files(
        year: &str,
        files: &[(String, String)],
    ) -> Result<Catalog, CatalogError> {
        let mut cat = Tables {
            year: year.to_string(),
            ..Tables::default()
        };
        let mut rules = None;
        for (name, text) in files {
            if name == RULES_FILE {
                rules = Some(Rules::parse(name, text)?);
                continue;
            }
            if name == MAPPING_FILE {
                read_mapping(&mut cat, name, text)?;
                continue;
            }
            if let Some(from) = crosswalk_year(name) {
                cat.crosswalks.push(read_crosswalk(from, name, text)?);
                continue;
            }
            let code_list = CODE_LISTS.contains(&name.as_str());
            let allowed: &[usize] = if code_list { &[3, 4] } else { &[3] };
            for (line_no, cols) in rows(name, text, allowed)? {
                let err = |message: Text| CatalogError {
                    file: name.clone(),
                    line: line_no,
                    message,
                };
                if code_list {
                    let (code, entry) = code_row(cols, line_no).map_err(err)?;
                    let table = match name.as_str() {
                        "functional.tsv" => &mut cat.functional,
                        "economic_dept.tsv" => &mut cat.economic_dept,
                        "economic_gov.tsv" => &mut cat.economic_gov,
                        _ => &mut cat.fund_sections,
                    };
                    insert(table, &code, entry, err)?;
                    continue;
                }
                let Ok([code, second, _source]) = <[String; 3]>::try_from(cols) else {
                    continue;
                };
                // complete.tsv: the branches whose children are all listed.
                let class = Classification::from_key(&code).ok_or_else(|| {
                    err(t!("未知的分类 `{code}`", "unknown classification `{code}`"))
                })?;
                cat.complete.insert((class, second));
            }
        }
        cat.rules = rules.ok_or_else(|| CatalogError {
            file: RULES_FILE.to_string(),
            line: 0,
            message: Text::fixed(
                "缺少此文件：科目表在编码表旁应有其规则（见 catalog/README.md）",
                "missing: a catalog holds its rules beside the code lists (catalog/README.md)",
            ),
        })?;
        Ok(Catalog(Arc::new(cat)))
    }
}

fn insert(
    map: &mut BTreeMap<String, Entry>,
    code: &str,
    entry: Entry,
    err: impl Fn(Text) -> CatalogError,
) -> Result<(), CatalogError> {
    if !code.chars().all(|c| c.is_ascii_digit()) || ![3, 5, 7].contains(&code.len()) {
        return Err(err(t!(
            "`{code}` 不是 3、5 或 7 位的编码",
            "`{code}` is not a 3-, 5- or 7-digit code"
        )));
    }
    if map.insert(code.to_string(), entry).is_some() {
        return Err(err(t!(
            "编码 `{code}` 出现了两次",
            "code `{code}` appears twice"
        )));
    }
    Ok(())
}

/// `economic_mapping.tsv`: `dept_code, side, gov_code, confidence, source`, one row per code and
/// side (机关 or 事业).
fn read_mapping(cat: &mut Tables, name: &str, text: &str) -> Result<(), CatalogError> {
    for (line, cols) in rows(name, text, &[5])? {
        let Ok([dept, side, gov, confidence, source]) = <[String; 5]>::try_from(cols) else {
            continue;
        };
        let err = |message: Text| CatalogError {
            file: name.to_string(),
            line,
            message,
        };
        let side = Side::parse(&side).ok_or_else(|| {
            err(t!(
                "一侧 `{side}`：应为 机关 或 事业",
                "side `{side}`: expected 机关 or 事业"
            ))
        })?;
        if !matches!(confidence.as_str(), "confirmed" | "recalled") {
            return Err(err(t!(
                "可信度 `{confidence}`：应为 confirmed 或 recalled",
                "confidence `{confidence}`: expected confirmed or recalled"
            )));
        }
        let entry = MappingEntry {
            gov_code: gov,
            confidence,
            source,
            line,
        };
        if cat.mapping.insert((dept.clone(), side), entry).is_some() {
            let side = side.name();
            return Err(err(t!(
                "{dept}（{side}）对应了两次",
                "{dept} ({side}) is mapped twice"
            )));
        }
    }
    Ok(())
}

/// A crosswalk file: `old_code, old_name, new_code, new_name, confidence, source`; `-` for the
/// code and name of a side that does not exist (an added or a removed code).
fn read_crosswalk(from: &str, name: &str, text: &str) -> Result<Crosswalk, CatalogError> {
    let mut out = Crosswalk {
        from: from.to_string(),
        file: name.to_string(),
        rows: Vec::new(),
    };
    for (line, cols) in rows(name, text, &[6])? {
        let Ok([old_code, old_name, new_code, new_name, confidence, source]) =
            <[String; 6]>::try_from(cols)
        else {
            continue;
        };
        let err = |message: Text| CatalogError {
            file: name.to_string(),
            line,
            message,
        };
        let confidence = Confidence::from_key(&confidence)
            .ok_or_else(|| err(unknown_confidence(&confidence)))?;
        for (code, name) in [(&old_code, &old_name), (&new_code, &new_name)] {
            let dash = code == "-";
            let digits =
                code.chars().all(|c| c.is_ascii_digit()) && [3, 5, 7].contains(&code.len());
            if !dash && !digits {
                return Err(err(t!(
                    "`{code}` 不是 3、5 或 7 位的编码，也不是 `-`",
                    "`{code}` is not a 3-, 5- or 7-digit code nor `-`"
                )));
            }
            if dash != (name == "-") || name.is_empty() {
                return Err(err(t!(
                    "编码 `{code}`、名称 `{name}`：一侧应是编码和它的名称，或 `-` 和 `-`",
                    "code `{code}` with name `{name}`: a side is a code and its name, or `-` and `-`"
                )));
            }
        }
        if old_code == "-" && new_code == "-" {
            return Err(err(Text::fixed(
                "这一行既没有旧编码也没有新编码",
                "a row with neither an old nor a new code",
            )));
        }
        if old_code != "-" && out.rows.iter().any(|r| r.old_code == old_code) {
            return Err(err(t!(
                "旧编码 `{old_code}` 出现了两次",
                "old code `{old_code}` appears twice"
            )));
        }
        out.rows.push(CrosswalkRow {
            old_code,
            old_name,
            new_code,
            new_name,
            confidence,
            source,
            line,
        });
    }
    Ok(out)
}

/// A row of a code list: its code and entry.
fn code_row(cols: Vec<String>, line: usize) -> Result<(String, Entry), Text> {
    let mut cols = cols.into_iter();
    let (code, name) = (
        cols.next().unwrap_or_default(),
        cols.next().unwrap_or_default(),
    );
    let (confidence, source) = match (cols.next(), cols.next()) {
        (Some(word), Some(source)) => {
            let confidence =
                Confidence::from_key(&word).ok_or_else(|| unknown_confidence(&word))?;
            (confidence, source)
        }
        (source, _) => (Confidence::Confirmed, source.unwrap_or_default()),
    };
    if name.is_empty() {
        return Err(t!("编码 `{code}` 没有名称", "code `{code}` has no name"));
    }
    Ok((
        code,
        Entry {
            name,
            confidence,
            source,
            line,
        },
    ))
}

/// The data rows of a TSV file (header skipped), each with one of the `allowed` numbers of
/// columns: three, or in a code list three or four (`code, name, [confidence,] source`), five in
/// the mapping.
fn rows(
    name: &str,
    text: &str,
    allowed: &[usize],
) -> Result<Vec<(usize, Vec<String>)>, CatalogError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
        let found = cols.len();
        if !allowed.contains(&found) {
            let expected: Vec<String> = allowed.iter().map(usize::to_string).collect();
            let (zh, en) = (expected.join(" 或 "), expected.join(" or "));
            return Err(CatalogError {
                file: name.to_string(),
                line: i + 1,
                message: t!(
                    "应有 {zh} 列（以制表符分隔），实有 {found} 列",
                    "expected {en} tab-separated columns, found {found}"
                ),
            });
        }
        out.push((i + 1, cols));
    }
    Ok(out)
}

/// A confidence that is neither `confirmed` nor `recalled`.
fn unknown_confidence(word: &str) -> Text {
    t!(
        "未知的可信度 `{word}`（应为 `confirmed` 或 `recalled`）",
        "unknown confidence `{word}` (`confirmed` or `recalled`)"
    )
}

/// A catalog file the operating system would not read, its reason in both languages.
fn cannot_read(e: &std::io::Error) -> Text {
    let why = reason(e);
    let (zh, en) = (&why.zh, &why.en);
    t!("无法读取：{zh}", "cannot read it: {en}")
}
