//! `--help` in the language of the messages. The words of the command line are written once,
//! in English, with clap's derive (`args`); here each command and option gets its Chinese text,
//! and clap's own headings ("Usage", "Options") theirs, before the arguments are parsed. The
//! language comes from `--lang`, else from `LANG` (English when it names English), else 中文.

use crate::diag::Lang;
use clap::{Arg, Command};

/// The language asked for: `--lang` among the arguments, else the locale's.
pub fn language(args: &[std::ffi::OsString]) -> Lang {
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v),
            None if a == "--lang" => it.next(),
            None => None,
        };
        match value {
            Some("en") => return Lang::En,
            Some("zh") => return Lang::Zh,
            _ => {}
        }
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty());
    match locale {
        Some(l) if l.starts_with("en") => Lang::En,
        _ => Lang::Zh,
    }
}

/// The command with its help in `lang` (the derive's English is kept for English).
pub fn localized(cmd: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return cmd;
    }
    zh(cmd, "")
}

/// Chinese texts for a command (by its path, `compile`, `catalog show`) and its arguments.
fn zh(cmd: Command, path: &str) -> Command {
    let name = cmd.get_name().to_string();
    let here = if path.is_empty() {
        String::new()
    } else if path == "budc" {
        name.clone()
    } else {
        format!("{path} {name}")
    };
    let mut cmd = cmd
        .help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("命令")
        .next_help_heading("选项")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help("显示帮助"),
        );
    if path.is_empty() {
        cmd = cmd
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(clap::ArgAction::Version)
                    .help("显示版本"),
            )
            .about("部门预算的语言与编译器：检查 .bud 预算，生成 DOCX、XLSX、PDF 和 JSON")
            .disable_help_subcommand(true);
    }
    if let Some(about) = about(&here) {
        cmd = cmd.about(about);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = arg_help(&here, &id);
        cmd = cmd.mut_arg(&id, |a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            // The Chinese texts say the defaults and the values themselves.
            let a = a.help_heading(heading);
            let a = if a.get_action().takes_values() {
                a.hide_possible_values(true).hide_default_value(true)
            } else {
                a
            };
            match help {
                Some(h) => a.help(h),
                None => a,
            }
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let parent = if path.is_empty() {
        "budc".to_string()
    } else {
        here.clone()
    };
    for s in subs {
        let p = parent.clone();
        cmd = cmd.mut_subcommand(&s, |sub| zh(sub, &p));
    }
    // The usage line with its placeholders in Chinese.
    let usage = cmd.clone().render_usage().to_string();
    let usage = usage
        .trim_start_matches("Usage: ")
        .replace("[OPTIONS]", "[选项]")
        .replace("<COMMAND>", "<命令>");
    // A subcommand's usage names the whole path: `budc catalog show …`.
    let usage = match usage.strip_prefix(name.as_str()) {
        Some(rest) if !here.is_empty() => format!("budc {here}{rest}"),
        _ => usage,
    };
    cmd.override_usage(usage)
}

/// What each command does.
fn about(command: &str) -> Option<&'static str> {
    Some(match command {
        "check" => "检查预算：语法、科目、算术、绩效目标和断言；每个文件的每个问题一次报告",
        "compile" => "把预算编译为 JSON、DOCX、XLSX、PDF，或全部",
        "fmt" => "把文件整理为规范格式（原地、原子地写回）；`-` 读标准输入、写标准输出",
        "diff" => "按预算的语言比较两份预算。退出码：0 相同，1 不同，2 出错",
        "new" => "开始一份预算：写出可公开的部门预算的骨架，附中文注释",
        "import" => "由工作簿导入预算：budc 写出的 XLSX，或预算管理一体化导出的基本支出明细、项目明细和绩效目标",
        "explain" => "解释一个诊断编号，附错误和正确的例子",
        "catalog" => "政府收支分类科目：查编码、按名称搜索、比较年度、检查科目表目录",
        "catalog show" => "一个编码：名称、级次、上下级、对应关系、来源和可信度。未知编码退出码 1",
        "catalog search" => "名称含某词的科目（功能分类项、经济分类款）。没有则退出码 1",
        "catalog diff" => "两个科目表之间增加、删除和改名的编码（年度或目录）",
        "catalog check" => "检查一个科目表目录：能读、结构与内置科目表一致。有问题退出码 1",
        "migrate" => "由本年预算得到下一年的：按科目对照表改写编码、名称和年度",
        "region" => "区域汇总：一个年度全部部门（目录中的 .bud 文件）的汇总表，并做跨部门检查；输出 JSON、XLSX 或 DOCX",
        "site" => "生成预算公开网站：部门索引（可搜索）和每个部门的页面（预算表、情况说明、绩效目标、图表、下载）；静态文件，离线可用",
        "serve" => "编写时预览网站：在本机提供页面，每次保存后重新生成（检查结果显示在页首）并自动刷新浏览器",
        "schema" => "输出 JSON 结果的 JSON Schema",
        "lsp" => "语言服务器（标准输入输出，供编辑器使用）",
        _ => return None,
    })
}

/// The help of an argument of a command; `None` keeps the derive's.
fn arg_help(command: &str, id: &str) -> Option<&'static str> {
    Some(match (command, id) {
        (_, "lang") => "消息的语言：zh 中文（默认），en English；不写时按环境变量 LANG",
        (_, "catalog") => "科目表目录（内置年度之外的科目表，格式同 catalog/2024/）",
        (_, "max_input_size") => "拒绝大于此值的输入（字节，或带 K/M/G），默认 512M",
        (_, "max_diagnostics") => "每个文件最多显示这么多条诊断，其余计入摘要（默认 200）",
        (_, "max_total_diagnostics") => "整次运行最多显示这么多条诊断（默认 2000）",
        ("check", "paths") => ".bud 文件，或在其中查找 .bud 文件的目录",
        ("check", "deny_warnings") => "有警告也按错误处理（退出码 1）",
        ("check", "message_format") => "诊断的输出形式：human（给人看），json，sarif（代码审查工具）",
        ("compile", "files") => ".bud 文件；多个文件或目录时并行编译到 -o 指定的目录",
        ("compile", "format") => "输出格式：json、docx、xlsx、pdf、all；不写时按 -o 的扩展名，否则为 JSON",
        ("compile", "pdfa") => "PDF 生成 PDF/A-2b 存档版",
        ("compile", "warnings") => "显示每条警告（默认只显示个数；budc check 全部显示）",
        ("compile", "output") => "输出文件（不写时 JSON 输出到标准输出）；--format all 时为目录",
        ("compile", "no_page_numbers") => "DOCX 目录不填页码（不调用 LibreOffice 排版）",
        ("fmt", "files") => ".bud 文件，或 `-`",
        ("fmt", "check") => "不改文件：列出不是规范格式的文件，有则退出码 1",
        ("diff", "files") => "旧文件和新文件；用 --git 时为与某版本比较的文件；用 --git-external 时为 git 传给比较程序的七个参数",
        ("diff", "git") => "与该 git 版本中的同一文件比较",
        ("diff", "git_external") => "作为 git 的比较程序运行（diff.bud.command）",
        ("diff", "format") => "输出格式：text、markdown、json",
        ("import", "workbook") => "工作簿（.xlsx，也可 .xls、.ods）",
        ("import", "output") => "要写出的 .bud 文件（规范格式）",
        ("import", "base") => "保留这份预算的文件头、文字和其他语句，只用工作簿替换其基本支出和项目（如 budc new 写出的骨架）",
        ("import", "unit") => "预算的金额单位（元或万元），工作簿没有写明时用",
        ("import", "department") => "部门名称，工作簿没有写明时用",
        ("import", "year") => "预算年度，工作簿没有写明时用",
        ("import", "force") => "覆盖已有的输出文件",
        ("new", "file") => "新的 .bud 文件（不会覆盖已有文件）",
        ("new", "department") => "部门名称（用 --from 时取上年的）",
        ("new", "year") => "预算年度",
        ("new", "kind") => "单位性质：行政、参公或事业（默认 行政）",
        ("new", "unit") => "金额单位：万元或元（默认 万元）",
        ("new", "units") => "二级单位，写成 简称=全称,简称=全称",
        ("new", "from") => "由上年的预算开始：保留结构、项目和绩效目标，上年的数作为“上年”数，编码按对照表改写",
        ("region", "paths") => "在其中查找 .bud 文件（每个一个部门）的目录，或 .bud 文件",
        ("region", "format") => "输出格式：json、xlsx、docx、all；不写时按 -o 的扩展名，否则为 JSON",
        ("region", "output") => "输出文件（不写时 JSON 输出到标准输出）；--format all 时为目录",
        ("region", "control") => "控制数文件（批复的各部门合计和全区合计；默认为目录中的 region.ctl）",
        ("region", "warnings") => "显示各部门的每条警告（默认只显示个数）",
        ("schema", "region") => "输出 budc region 的 JSON 结果的 Schema，而不是单个预算的",
        ("explain", "code") => "诊断编号，如 E0201",
        ("explain", "list") => "输出所有编号的表格（Markdown）",
        ("catalog show", "code") => "编码，如 2080110、30101、50101",
        ("catalog show" | "catalog search", "year") => "科目表年度（默认最新的内置年度）",
        ("catalog search", "word") => "名称中的词",
        ("catalog diff", "old") => "旧的科目表（年度或目录）",
        ("catalog diff", "new") => "新的科目表（年度或目录）",
        ("catalog diff", "format") => "输出格式：text 或 json",
        ("catalog check", "dir") => "科目表目录",
        ("site", "paths") => ".bud 文件，或在其中查找 .bud 文件的目录",
        ("site", "output") => "写入网站的目录",
        ("site", "pdf") => "同时提供每个部门的 PDF（由 LibreOffice 排版，须已安装）",
        ("serve", "path") => ".bud 文件，或存放 .bud 文件的目录",
        ("serve", "port") => "监听的端口（默认 8000；0 为任一空闲端口）",
        ("serve", "bind") => "监听的地址（默认 127.0.0.1，只有本机可以访问）",
        ("migrate", "file") => ".bud 文件，原地（原子地）改写",
        ("migrate", "to") => "目标科目表年度，如 2025",
        ("migrate", "check") => "不改文件：列出会改的地方，有则退出码 1",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn help(args: &[&str]) -> String {
        let cmd = localized(crate::cli::args::Cli::command(), Lang::Zh);
        match cmd.try_get_matches_from(args) {
            Err(e) => e.to_string(),
            Ok(_) => String::new(),
        }
    }

    #[test]
    fn the_help_is_chinese_by_default() {
        let top = help(&["budc", "--help"]);
        assert!(
            top.contains("用法：") && top.contains("命令") && top.contains("选项"),
            "{top}"
        );
        assert!(
            top.contains("把预算编译为 JSON、DOCX、XLSX、PDF，或全部"),
            "{top}"
        );
        assert!(
            !top.contains("Usage") && !top.contains("Print help"),
            "{top}"
        );
        let compile = help(&["budc", "compile", "--help"]);
        assert!(compile.contains("显示每条警告"), "{compile}");
        assert!(!compile.contains("Print help"), "{compile}");
        let show = help(&["budc", "catalog", "show", "--help"]);
        assert!(show.contains("编码，如 2080110"), "{show}");
    }

    #[test]
    fn every_command_and_option_has_its_chinese_text() {
        let cmd = crate::cli::args::Cli::command();
        let mut missing = Vec::new();
        for sub in cmd.get_subcommands() {
            let name = sub.get_name().to_string();
            let mut commands = vec![(name.clone(), sub.clone())];
            for s in sub.get_subcommands() {
                commands.push((format!("{name} {}", s.get_name()), s.clone()));
            }
            for (path, c) in commands {
                if about(&path).is_none() {
                    missing.push(path.clone());
                }
                for a in c.get_arguments() {
                    let id = a.get_id().as_str();
                    if !matches!(id, "help" | "version") && arg_help(&path, id).is_none() {
                        missing.push(format!("{path} --{id}"));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn the_language_is_the_flag_else_the_locale() {
        let args = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(
            language(&args(&["budc", "--lang", "en", "check"])),
            Lang::En
        );
        assert_eq!(language(&args(&["budc", "check", "--lang=zh"])), Lang::Zh);
    }
}
