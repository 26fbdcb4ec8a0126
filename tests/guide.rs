//! Every example of the Chinese guide (docs/指南.md) is checked: a ```bud block compiles with no
//! error (placeholders and the like may warn), and a ```bud 错误 CODE block gives that code.

struct Block {
    /// The line of the guide where the block starts.
    line: usize,
    expect: Option<String>,
    text: String,
}

fn blocks(guide: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in guide.lines().enumerate() {
        let t = line.trim_start();
        match open.as_mut() {
            None => {
                if let Some(info) = t.strip_prefix("```bud") {
                    let expect = info
                        .trim()
                        .strip_prefix("错误")
                        .map(|c| c.trim().to_string());
                    open = Some(Block {
                        line: i + 1,
                        expect,
                        text: String::new(),
                    });
                }
            }
            Some(b) => {
                if t.starts_with("```") {
                    out.extend(open.take());
                } else {
                    b.text.push_str(line);
                    b.text.push('\n');
                }
            }
        }
    }
    out
}

#[test]
fn every_example_of_the_guide_does_what_the_guide_says() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/指南.md");
    let guide = std::fs::read_to_string(path).unwrap();
    let blocks = blocks(&guide);
    assert!(blocks.len() >= 8, "{} examples", blocks.len());
    let mut failures = Vec::new();
    for b in &blocks {
        let c = budc::compile(
            budc::source::SourceFile::new("指南.bud", b.text.clone()),
            None,
        );
        let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code).collect();
        match &b.expect {
            None if c.has_errors() => failures.push(format!("line {}: {codes:?}", b.line)),
            Some(code) if !codes.contains(&code.as_str()) => {
                failures.push(format!("line {}: expected {code}, got {codes:?}", b.line))
            }
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_readme_opens_with_the_chinese_guide() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let first_screen: String = readme.lines().take(25).collect::<Vec<_>>().join("\n");
    assert!(first_screen.contains("docs/指南.md"), "{first_screen}");
}
