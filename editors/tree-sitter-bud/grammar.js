/**
 * Tree-sitter grammar of the .bud language of budc (部门预算), for highlighting in Helix and
 * Neovim. It follows grammar/bud.pest (the definition of the language): one statement per line,
 * words separated by spaces (ASCII space, tab, U+3000), `#` comments where a statement does not
 * end in free text, and any other line a `bad_line`. Block structure (indentation) is not
 * modelled: the tree is a flat list of lines, as pest's `file` rule is.
 *
 * Keywords are `keyword` nodes. Numbers: a run of digits is a `code` or an `amount` by where it stands; the amount is the
 * number that ends a statement (the parser decides by the token after it, as pest does with
 * `amount ~ stmt_end`).
 */

const SPACE = /[ \t\u3000]+/;

module.exports = grammar({
  name: 'bud',

  extras: $ => [SPACE],

  rules: {
    source_file: $ => seq(
      repeat(seq(optional($._line), $._eol)),
      optional($._line),
    ),

    _eol: _ => /\r?\n|\r/,

    _line: $ => choice(
      seq($._statement, optional($.comment)),
      $._text_statement,
      $.comment,
      $.bad_line,
    ),

    comment: _ => token(seq('#', /[^\r\n]*/)),

    // Anything that is no statement (pest's `bad_line`): below every keyword. It starts after
    // the indentation, so that the indentation stays outside every token (a token that could
    // start with a space would swallow it).
    bad_line: _ => token(prec(-1, /[^ \t\u3000\r\n][^\r\n]*/)),

    // ---- tokens -------------------------------------------------------------------------
    // Defined in this order on purpose: where two match the same text, the first wins (a run
    // of digits is a number, not a word).
    _digits: _ => /\d+/,
    _decimal: _ => /-\d[\d,]*(\.\d+)?|\d[\d,]*\.\d+|\d{1,3}(,\d{3})+/,
    date: _ => /\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日/,
    word: _ => /[^ \t\u3000\r\n|｜#][^ \t\u3000\r\n|｜]*/,
    text: _ => /[^ \t\u3000\r\n][^\r\n]*/,

    code: $ => $._digits,
    amount: $ => choice($._digits, $._decimal),
    integer: $ => $._digits,

    // ---- statements ---------------------------------------------------------------------
    _statement: $ => choice(
      $.year, $.money_unit, $.catalog_year, $.unit_kind, $.sub_unit, $.published,
      $.duties_block, $.organization_block, $.reason_block,
      $.income, $.basic_block, $.basic_line, $.prior_block, $.prior_figure, $.project_total,
      $.project_unit, $.project_kind, $.project_source, $.allocation, $.project_amount,
      $.economic, $.procurement, $.three_public, $.indicator,
      $.assets_block, $.vehicles, $.equipment, $.equipment_purchase, $.key_evaluation,
      $.assertion,
    ),

    // Statements that end in free text (a `#` there is part of the text).
    _text_statement: $ => choice(
      $.department, $.glossary_block, $.explanation_block, $.paragraph, $.prior_file, $.template, $.project, $.goal,
    ),

    department: $ => seq(alias('部门', $.keyword), field('name', $.text)),
    year: $ => seq(alias('年度', $.keyword), $.integer),
    money_unit: $ => seq(alias('金额单位', $.keyword), $.word),
    catalog_year: $ => seq(alias('科目版本', $.keyword), $.integer),
    unit_kind: $ => seq(alias('单位性质', $.keyword), $.word),
    published: $ => alias('公开稿', $.keyword),
    sub_unit: $ => seq(alias('二级单位', $.keyword), field('id', $.word), field('name', $.word), optional(field('kind', $.word))),

    duties_block: $ => alias('主要职责', $.keyword),
    organization_block: $ => alias('机构设置', $.keyword),
    reason_block: $ => seq(alias('原因', $.keyword), $.word),
    glossary_block: $ => seq(alias('名词', $.keyword), $.text),
    explanation_block: $ => seq(alias('说明', $.keyword), $.text),
    paragraph: $ => seq(alias(choice('>', '＞'), $.quote), optional(alias($.text, $.prose))),

    income: $ => seq(alias('收入', $.keyword), field('source', $.word), $.amount),
    basic_block: $ => prec(1, seq(alias('基本支出', $.keyword), optional(field('unit', $.word)))),
    // `<功能分类项> [名称] <部门经济分类款> [名称] [来源] [人员经费|公用经费] <金额>`, and in a
    // 公开稿 a line with one of the two codes.
    basic_line: $ => seq($.code, repeat(choice($.code, $.word)), $.amount),

    prior_file: $ => seq(alias('上年文件', $.keyword), $.text),
    template: $ => seq(alias('模板', $.keyword), $.text),
    prior_block: $ => alias('上年', $.keyword),
    // `项目支出 <功能分类项> [名称] [来源] <金额>` (a 公开稿's project spending on a code).
    project_total: $ => seq(alias('项目支出', $.keyword), $.code, repeat($.word), $.amount),
    prior_figure: $ => seq(
      alias(choice('收支', '基本支出', '项目支出', '机关运行经费'), $.keyword),
      $.amount,
    ),

    project: $ => seq(alias('项目', $.keyword), field('code', alias(/[^ \t\u3000\r\n]+/, $.project_code)), field('name', $.text)),
    project_unit: $ => seq(alias('单位', $.keyword), $.word),
    project_kind: $ => seq(alias('类型', $.keyword), $.word),
    project_source: $ => seq(alias('资金', $.keyword), $.word),
    allocation: $ => seq(alias('支出', $.keyword), $.code, repeat($.word), $.amount),
    project_amount: $ => seq(alias('金额', $.keyword), $.amount),
    economic: $ => seq(alias('经济', $.keyword), $.code, optional($.word), $.amount),
    procurement: $ => seq(alias('采购', $.keyword), $.word, repeat(choice($.code, $.word)), $.amount),
    three_public: $ => seq(alias('三公', $.keyword), $.word, optional($.word), $.amount),
    goal: $ => seq(alias('目标', $.keyword), $.text),

    // `指标 <一级> <二级> | <三级指标> | <指标值> [| <评分标准>]`.
    indicator: $ => seq(
      alias('指标', $.keyword),
      field('level1', alias($.word, $.category)), field('level2', alias($.word, $.category)),
      $._sep, optional(field('name', $.field)),
      $._sep, optional(field('value', alias($.field, $.indicator_value))),
      optional(seq($._sep, optional(field('standard', $.field)))),
    ),
    _sep: $ => alias(choice('|', '｜'), $.separator),
    field: _ => /[^ \t\u3000\r\n|｜][^\r\n|｜]*/,

    assets_block: $ => seq(alias('资产', $.keyword), optional($.date)),
    vehicles: $ => seq(alias('车辆', $.keyword), $.word, $.integer),
    equipment: $ => seq(alias('大型设备', $.keyword), $.integer),
    equipment_purchase: $ => seq(alias('购置大型设备', $.keyword), $.integer),
    key_evaluation: $ => seq(alias('重点评价', $.keyword), $.integer, $.amount),

    // `断言 <figure> = <金额> [元|万元]` (an amount as printed, in its unit), or `= <文字>` for
    // a text cell. The lexer takes the longest token: a whole line of text (`1. 一般公共预算`)
    // is a text cell, an amount alone is an amount, and an amount with its unit is one token
    // that outranks the text of the same length.
    assertion: $ => seq(
      alias('断言', $.keyword),
      repeat1(alias(/[^ \t\u3000\r\n=＝]+/, $.ref_word)),
      alias(choice('=', '＝'), $.operator),
      choice($.amount, alias($._printed_amount, $.amount), alias($.text, $.assert_text)),
    ),
    _printed_amount: _ => token(prec(2, /-?\d[\d,]*(\.\d+)?[ \t\u3000]+(万元|元)/)),
  },
});

