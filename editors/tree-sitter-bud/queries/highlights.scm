; Highlighting of .bud files (budc), for Helix, Neovim and `tree-sitter highlight`. The capture
; names are Helix's; Neovim falls back from a dotted name to its first part.

(comment) @comment
(bad_line) @error

(keyword) @keyword
(operator) @operator
(separator) @punctuation.delimiter
(quote) @punctuation.special

; Classification codes, and the project codes.
(code) @constant
(project_code) @label

; Amounts, counts, years and dates.
(amount) @constant.numeric
(integer) @constant.numeric
(date) @constant.numeric

; Indicator rows: the 一级 and 二级 categories, the 三级指标 and 评分标准, the 指标值.
(category) @type
(field) @string
(indicator_value) @string.special

; Names, prose and other free text.
(prose) @markup.quote
(text) @string
(assert_text) @string
(ref_word) @variable
(word) @variable.other.member
