//! The filter language of the API, the UI filter builder and saved views (DESIGN §4):
//! `and(stage[in]:[won,lost],or(amount[gte]:1000,owner[eq]:me))`.
//! Values stay text here; the store types them against the field they apply to.

use std::fmt;

/// A filter tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    And(Vec<Filter>),
    Or(Vec<Filter>),
    Not(Box<Filter>),
    Cond(Condition),
}

/// `path[op]:operand`, e.g. `address.city[eq]:Athens`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// Field API name, then the part of a composite field (`address.city`).
    pub path: Vec<String>,
    pub op: Op,
    pub operand: Operand,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    Eq,
    Neq,
    Gt,
    Gte,
    Lt,
    Lte,
    In,
    Nin,
    Like,
    Ilike,
    Contains,
    StartsWith,
    Is,
}

impl Op {
    pub const ALL: [Op; 13] = [
        Op::Eq,
        Op::Neq,
        Op::Gt,
        Op::Gte,
        Op::Lt,
        Op::Lte,
        Op::In,
        Op::Nin,
        Op::Like,
        Op::Ilike,
        Op::Contains,
        Op::StartsWith,
        Op::Is,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "eq",
            Op::Neq => "neq",
            Op::Gt => "gt",
            Op::Gte => "gte",
            Op::Lt => "lt",
            Op::Lte => "lte",
            Op::In => "in",
            Op::Nin => "nin",
            Op::Like => "like",
            Op::Ilike => "ilike",
            Op::Contains => "contains",
            Op::StartsWith => "startswith",
            Op::Is => "is",
        }
    }

    pub fn parse(s: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.as_str() == s)
    }

    /// Operators compared on folded text (DESIGN §4).
    pub fn is_text_match(self) -> bool {
        matches!(self, Op::Like | Op::Ilike | Op::Contains | Op::StartsWith)
    }
}

/// The right-hand side of a condition, still untyped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand {
    /// One value, e.g. `1000`, `me`, `"a, b"`.
    Value(String),
    /// `[won,lost]`, for `in` and `nin`.
    List(Vec<String>),
    /// `is:null`
    Null,
    /// `is:not_null`
    NotNull,
}

/// A malformed filter (or sort): where and why. The why is a [`Syntax`] with its
/// specifics as values, so each interface can say it in its user's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed filter at character {position}: {kind}")]
pub struct FilterError {
    /// Character offset (0-based) into the filter text.
    pub position: usize,
    pub kind: Syntax,
}

impl FilterError {
    /// The stable code of the kind, e.g. `expected_value`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The position, the kind's code (`syntax`) and its specifics, as message
    /// arguments.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        let mut args = vec![("position", self.position.to_string()), ("syntax", self.code().to_owned())];
        args.extend(self.kind.args());
        args
    }
}

/// What is wrong with filter or sort text. Each kind has a stable code; the English
/// text is its `Display`, other languages translate it by code (`filter-{code}`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Syntax {
    #[error("expected a filter like `name[eq]:value` or `and(...)`")]
    ExpectedFilter,
    #[error("expected end of filter")]
    ExpectedEnd,
    #[error(
        "the filter is too large ({conditions} conditions, {values} values; at most {max_conditions} and {max_values})"
    )]
    TooLarge { conditions: usize, values: usize, max_conditions: usize, max_values: usize },
    #[error("filter nested more than {max} levels deep")]
    TooDeep { max: usize },
    #[error("unknown combinator `{name}`: expected and, or, not")]
    UnknownCombinator { name: String },
    #[error("`not` takes exactly one filter")]
    NotTakesOne,
    #[error("`{name}` needs at least one filter")]
    NeedsFilter { name: String },
    #[error("expected `)` after the filter in `not(`")]
    ExpectedNotClose,
    #[error("expected `,` or `)`")]
    ExpectedCommaOrClose,
    #[error("expected `[` after field name")]
    ExpectedOpenBracket,
    #[error("expected `]` after operator")]
    ExpectedCloseBracket,
    #[error("expected `:` after `]`")]
    ExpectedColon,
    #[error("expected a field name after `.`")]
    ExpectedPathPart,
    #[error("expected an operator like `eq` after `[`")]
    ExpectedOperator,
    #[error("unknown operator `{op}`")]
    UnknownOperator { op: String },
    #[error("`{op}` needs a list like [a,b]")]
    NeedsList { op: String },
    #[error("`{op}` takes one value, not a list")]
    OneValue { op: String },
    #[error("`is` takes null or not_null")]
    IsTakesNull,
    #[error("expected `,` or `]` in the list")]
    ExpectedCommaOrListEnd,
    #[error("expected a value")]
    ExpectedValue,
    #[error("unknown escape `\\{escape}`: only \\\" and \\\\ are allowed")]
    UnknownEscape { escape: char },
    #[error("expected `\"` to close the quote opened at character {open}")]
    UnclosedQuote { open: usize },
    #[error("expected `]`")]
    SortExpectedClose,
    #[error("`{name}` is not a field name")]
    NotAFieldName { name: String },
    #[error("unknown direction `{direction}`")]
    UnknownDirection { direction: String },
    #[error("`{name}` is sorted by twice")]
    SortedTwice { name: String },
    #[error("at most {max} sort keys")]
    TooManySortKeys { max: usize },
}

impl Syntax {
    pub fn code(&self) -> &'static str {
        match self {
            Syntax::ExpectedFilter => "expected_filter",
            Syntax::ExpectedEnd => "expected_end",
            Syntax::TooLarge { .. } => "too_large",
            Syntax::TooDeep { .. } => "too_deep",
            Syntax::UnknownCombinator { .. } => "unknown_combinator",
            Syntax::NotTakesOne => "not_takes_one",
            Syntax::NeedsFilter { .. } => "needs_filter",
            Syntax::ExpectedNotClose => "expected_not_close",
            Syntax::ExpectedCommaOrClose => "expected_comma_or_close",
            Syntax::ExpectedOpenBracket => "expected_open_bracket",
            Syntax::ExpectedCloseBracket => "expected_close_bracket",
            Syntax::ExpectedColon => "expected_colon",
            Syntax::ExpectedPathPart => "expected_path_part",
            Syntax::ExpectedOperator => "expected_operator",
            Syntax::UnknownOperator { .. } => "unknown_operator",
            Syntax::NeedsList { .. } => "needs_list",
            Syntax::OneValue { .. } => "one_value",
            Syntax::IsTakesNull => "is_takes_null",
            Syntax::ExpectedCommaOrListEnd => "expected_comma_or_list_end",
            Syntax::ExpectedValue => "expected_value",
            Syntax::UnknownEscape { .. } => "unknown_escape",
            Syntax::UnclosedQuote { .. } => "unclosed_quote",
            Syntax::SortExpectedClose => "sort_expected_close",
            Syntax::NotAFieldName { .. } => "not_a_field_name",
            Syntax::UnknownDirection { .. } => "unknown_direction",
            Syntax::SortedTwice { .. } => "sorted_twice",
            Syntax::TooManySortKeys { .. } => "too_many_sort_keys",
        }
    }

    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Syntax::TooLarge { conditions, values, max_conditions, max_values } => vec![
                ("conditions", conditions.to_string()),
                ("values", values.to_string()),
                ("max_conditions", max_conditions.to_string()),
                ("max_values", max_values.to_string()),
            ],
            Syntax::TooDeep { max } | Syntax::TooManySortKeys { max } => vec![("max", max.to_string())],
            Syntax::UnknownCombinator { name }
            | Syntax::NeedsFilter { name }
            | Syntax::NotAFieldName { name }
            | Syntax::SortedTwice { name } => vec![("name", name.clone())],
            Syntax::UnknownOperator { op } | Syntax::NeedsList { op } | Syntax::OneValue { op } => {
                vec![("op", op.clone())]
            }
            Syntax::UnknownEscape { escape } => vec![("escape", escape.to_string())],
            Syntax::UnclosedQuote { open } => vec![("open", open.to_string())],
            Syntax::UnknownDirection { direction } => vec![("direction", direction.clone())],
            _ => Vec::new(),
        }
    }

    /// One of each kind, for checks that every kind has its message (a new kind
    /// fails to compile in the match below until it is listed).
    pub fn samples() -> Vec<Syntax> {
        let all = vec![
            Syntax::ExpectedFilter,
            Syntax::ExpectedEnd,
            Syntax::TooLarge { conditions: 101, values: 1, max_conditions: 100, max_values: 5000 },
            Syntax::TooDeep { max: 32 },
            Syntax::UnknownCombinator { name: "xor".into() },
            Syntax::NotTakesOne,
            Syntax::NeedsFilter { name: "and".into() },
            Syntax::ExpectedNotClose,
            Syntax::ExpectedCommaOrClose,
            Syntax::ExpectedOpenBracket,
            Syntax::ExpectedCloseBracket,
            Syntax::ExpectedColon,
            Syntax::ExpectedPathPart,
            Syntax::ExpectedOperator,
            Syntax::UnknownOperator { op: "foo".into() },
            Syntax::NeedsList { op: "in".into() },
            Syntax::OneValue { op: "eq".into() },
            Syntax::IsTakesNull,
            Syntax::ExpectedCommaOrListEnd,
            Syntax::ExpectedValue,
            Syntax::UnknownEscape { escape: 'n' },
            Syntax::UnclosedQuote { open: 6 },
            Syntax::SortExpectedClose,
            Syntax::NotAFieldName { name: "A".into() },
            Syntax::UnknownDirection { direction: "up".into() },
            Syntax::SortedTwice { name: "a".into() },
            Syntax::TooManySortKeys { max: 3 },
        ];
        for kind in &all {
            match kind {
                Syntax::ExpectedFilter
                | Syntax::ExpectedEnd
                | Syntax::TooLarge { .. }
                | Syntax::TooDeep { .. }
                | Syntax::UnknownCombinator { .. }
                | Syntax::NotTakesOne
                | Syntax::NeedsFilter { .. }
                | Syntax::ExpectedNotClose
                | Syntax::ExpectedCommaOrClose
                | Syntax::ExpectedOpenBracket
                | Syntax::ExpectedCloseBracket
                | Syntax::ExpectedColon
                | Syntax::ExpectedPathPart
                | Syntax::ExpectedOperator
                | Syntax::UnknownOperator { .. }
                | Syntax::NeedsList { .. }
                | Syntax::OneValue { .. }
                | Syntax::IsTakesNull
                | Syntax::ExpectedCommaOrListEnd
                | Syntax::ExpectedValue
                | Syntax::UnknownEscape { .. }
                | Syntax::UnclosedQuote { .. }
                | Syntax::SortExpectedClose
                | Syntax::NotAFieldName { .. }
                | Syntax::UnknownDirection { .. }
                | Syntax::SortedTwice { .. }
                | Syntax::TooManySortKeys { .. } => {}
            }
        }
        all
    }
}

impl Filter {
    /// `field[op]:value`.
    pub fn cmp(field: &str, op: Op, value: impl Into<String>) -> Filter {
        Filter::Cond(Condition { path: vec![field.to_owned()], op, operand: Operand::Value(value.into()) })
    }

    /// `field[eq]:value`.
    pub fn eq(field: &str, value: impl Into<String>) -> Filter {
        Filter::cmp(field, Op::Eq, value)
    }

    /// `field[in]:[values]`.
    pub fn in_(field: &str, values: impl IntoIterator<Item = impl Into<String>>) -> Filter {
        let list = values.into_iter().map(Into::into).collect();
        Filter::Cond(Condition { path: vec![field.to_owned()], op: Op::In, operand: Operand::List(list) })
    }

    /// `field[is]:null`.
    pub fn is_null(field: &str) -> Filter {
        Filter::Cond(Condition { path: vec![field.to_owned()], op: Op::Is, operand: Operand::Null })
    }

    /// Every one of `parts` (none: `None`, one: itself, else `and(...)`).
    pub fn all(parts: impl IntoIterator<Item = Option<Filter>>) -> Option<Filter> {
        let mut parts: Vec<Filter> = parts.into_iter().flatten().collect();
        match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(Filter::And(parts)),
        }
    }

    /// The field each condition names (the first part of its path), in order, with
    /// repeats.
    pub fn field_names(&self) -> Vec<&str> {
        match self {
            Filter::And(children) | Filter::Or(children) => children.iter().flat_map(Filter::field_names).collect(),
            Filter::Not(inner) => inner.field_names(),
            Filter::Cond(c) => c.path.first().map(String::as_str).into_iter().collect(),
        }
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&print(self))
    }
}

impl std::str::FromStr for Filter {
    type Err = FilterError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s)
    }
}

/// The deepest nesting of `and`/`or`/`not` that [`parse`] accepts, so that hostile input
/// is an error rather than a stack overflow.
const MAX_DEPTH: usize = 32;

/// Parses filter text, e.g. `and(stage[in]:[won,lost],or(amount[gte]:1000,owner[eq]:me))`.
///
/// Whitespace is allowed around tokens. Bare values run up to the next `,` `(` `)` `[`
/// `]` or `"` and are trimmed; quoted values (`"Smith, John"`) take `\"` and `\\` escapes.
/// `in`/`nin` need a list, `is` takes bare `null` or `not_null`, every other operator one
/// value. Errors give the character (not byte) offset where the problem was noticed.
pub fn parse(text: &str) -> Result<Filter, FilterError> {
    let mut parser = Parser { chars: text.chars().collect(), pos: 0 };
    let filter = parser.expr(0)?;
    parser.skip_ws();
    if parser.peek().is_some() {
        return Err(parser.error(Syntax::ExpectedEnd));
    }
    check_bounds(&filter)?;
    Ok(filter)
}

/// Refuses a filter wider or deeper than the language allows, however it was made:
/// parsed from text or built by code (a duplicate check, a board, a bulk action). The
/// store checks every filter it compiles with this, so no input reaches SQL with an
/// unbounded statement or a recursion as deep as the input is long.
pub fn check_bounds(filter: &Filter) -> Result<(), FilterError> {
    let (conditions, values) = size(filter);
    if conditions > MAX_CONDITIONS || values > MAX_VALUES {
        let kind = Syntax::TooLarge { conditions, values, max_conditions: MAX_CONDITIONS, max_values: MAX_VALUES };
        return Err(error_at(0, kind));
    }
    if depth(filter) > MAX_DEPTH {
        return Err(error_at(0, Syntax::TooDeep { max: MAX_DEPTH }));
    }
    Ok(())
}

/// How deeply `and`/`or`/`not` nest (a lone condition: 0). Only called on filters
/// already bounded in size, so its recursion is bounded too.
fn depth(filter: &Filter) -> usize {
    match filter {
        Filter::And(children) | Filter::Or(children) => 1 + children.iter().map(depth).max().unwrap_or(0),
        Filter::Not(inner) => 1 + depth(inner),
        Filter::Cond(_) => 0,
    }
}

/// Bounds on a filter's width, so that a filter always fits the databases' limits on
/// bound values and never makes an unbounded statement.
pub const MAX_CONDITIONS: usize = 100;
pub const MAX_VALUES: usize = 5_000;

/// How many conditions and operand values a filter has.
pub fn size(filter: &Filter) -> (usize, usize) {
    match filter {
        Filter::And(children) | Filter::Or(children) => {
            children.iter().map(size).fold((0, 0), |(c, v), (c2, v2)| (c + c2, v + v2))
        }
        Filter::Not(inner) => size(inner),
        Filter::Cond(c) => match &c.operand {
            Operand::List(items) => (1, items.len()),
            _ => (1, 1),
        },
    }
}

/// Characters that end a bare value.
fn is_special(c: char) -> bool {
    matches!(c, ',' | '(' | ')' | '[' | ']' | '"')
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A recursive-descent parser over the characters of the filter text; `pos` is the index
/// of the next character, so it is also the character offset reported in errors.
struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> String {
        let start = self.pos;
        while self.peek().is_some_and(&keep) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    fn error(&self, kind: Syntax) -> FilterError {
        error_at(self.pos, kind)
    }

    /// Skips whitespace, then consumes `expected` or fails with `kind`.
    fn expect(&mut self, expected: char, kind: Syntax) -> Result<(), FilterError> {
        self.skip_ws();
        if self.peek() == Some(expected) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(kind))
        }
    }

    /// `expr := combinator '(' expr (',' expr)* ')' | cond`
    fn expr(&mut self, depth: usize) -> Result<Filter, FilterError> {
        self.skip_ws();
        let start = self.pos;
        let name = self.ident().ok_or_else(|| self.error(Syntax::ExpectedFilter))?;
        let after_name = self.pos;
        self.skip_ws();
        if self.peek() == Some('(') {
            return self.combinator(&name, start, depth);
        }
        self.pos = after_name;
        self.condition(name).map(Filter::Cond)
    }

    /// The part of a combinator from its `(` on; `start` is where its name began.
    fn combinator(&mut self, name: &str, start: usize, depth: usize) -> Result<Filter, FilterError> {
        if depth >= MAX_DEPTH {
            return Err(error_at(start, Syntax::TooDeep { max: MAX_DEPTH }));
        }
        if !matches!(name, "and" | "or" | "not") {
            return Err(error_at(start, Syntax::UnknownCombinator { name: name.to_owned() }));
        }
        self.pos += 1; // '('
        let mut children = self.children(name, depth + 1)?;
        Ok(match name {
            "and" => Filter::And(children),
            "or" => Filter::Or(children),
            _ => match children.pop() {
                Some(child) if children.is_empty() => Filter::Not(Box::new(child)),
                _ => return Err(error_at(start, Syntax::NotTakesOne)),
            },
        })
    }

    /// `expr (',' expr)* ')'`, the children of combinator `name`.
    fn children(&mut self, name: &str, depth: usize) -> Result<Vec<Filter>, FilterError> {
        self.skip_ws();
        if self.peek() == Some(')') {
            return Err(match name {
                "not" => self.error(Syntax::NotTakesOne),
                _ => self.error(Syntax::NeedsFilter { name: name.to_owned() }),
            });
        }
        let mut children = Vec::new();
        loop {
            children.push(self.expr(depth)?);
            self.skip_ws();
            match self.peek() {
                Some(')') => {
                    self.pos += 1;
                    return Ok(children);
                }
                Some(',') if name == "not" => {
                    return Err(self.error(Syntax::NotTakesOne));
                }
                Some(',') => self.pos += 1,
                _ if name == "not" => {
                    return Err(self.error(Syntax::ExpectedNotClose));
                }
                _ => return Err(self.error(Syntax::ExpectedCommaOrClose)),
            }
        }
    }

    /// `ident := [A-Za-z_][A-Za-z0-9_]*`
    fn ident(&mut self) -> Option<String> {
        if self.peek().is_some_and(is_ident_start) { Some(self.take_while(is_ident_char)) } else { None }
    }

    /// `cond := path '[' op ']' ':' operand`, after the first identifier of the path.
    fn condition(&mut self, first: String) -> Result<Condition, FilterError> {
        let path = self.path(first)?;
        self.expect('[', Syntax::ExpectedOpenBracket)?;
        let op = self.op()?;
        self.expect(']', Syntax::ExpectedCloseBracket)?;
        self.expect(':', Syntax::ExpectedColon)?;
        let operand = self.operand(op)?;
        Ok(Condition { path, op, operand })
    }

    /// `path := ident ('.' ident)*`, after the first identifier.
    fn path(&mut self, first: String) -> Result<Vec<String>, FilterError> {
        let mut path = vec![first];
        while self.peek() == Some('.') {
            self.pos += 1;
            let part = self.ident().ok_or_else(|| self.error(Syntax::ExpectedPathPart))?;
            path.push(part);
        }
        Ok(path)
    }

    fn op(&mut self) -> Result<Op, FilterError> {
        self.skip_ws();
        let start = self.pos;
        let word = self.take_while(|c| c.is_alphanumeric() || c == '_');
        if word.is_empty() {
            return Err(self.error(Syntax::ExpectedOperator));
        }
        Op::parse(&word).ok_or_else(|| error_at(start, Syntax::UnknownOperator { op: word.clone() }))
    }

    fn operand(&mut self, op: Op) -> Result<Operand, FilterError> {
        self.skip_ws();
        let start = self.pos;
        let is_list = self.peek() == Some('[');
        match op {
            Op::In | Op::Nin if is_list => self.list().map(Operand::List),
            Op::In | Op::Nin => Err(self.error(Syntax::NeedsList { op: op.as_str().to_owned() })),
            Op::Is => match self.peek() {
                Some('"' | '[') => None,
                _ => self.bare(),
            }
            .and_then(|word| match word.as_str() {
                "null" => Some(Operand::Null),
                "not_null" => Some(Operand::NotNull),
                _ => None,
            })
            .ok_or_else(|| error_at(start, Syntax::IsTakesNull)),
            _ if is_list => Err(self.error(Syntax::OneValue { op: op.as_str().to_owned() })),
            _ => self.atom().map(Operand::Value),
        }
    }

    /// `'[' (atom (',' atom)*)? ']'`, at the `[`.
    fn list(&mut self) -> Result<Vec<String>, FilterError> {
        self.pos += 1; // '['
        self.skip_ws();
        let mut items = Vec::new();
        if self.peek() == Some(']') {
            self.pos += 1;
            return Ok(items);
        }
        loop {
            items.push(self.atom()?);
            self.skip_ws();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(']') => {
                    self.pos += 1;
                    return Ok(items);
                }
                _ => return Err(self.error(Syntax::ExpectedCommaOrListEnd)),
            }
        }
    }

    /// A quoted or bare value.
    fn atom(&mut self) -> Result<String, FilterError> {
        self.skip_ws();
        if self.peek() == Some('"') {
            self.quoted()
        } else {
            self.bare().ok_or_else(|| self.error(Syntax::ExpectedValue))
        }
    }

    /// A bare value, trimmed; `None` if nothing is left.
    fn bare(&mut self) -> Option<String> {
        let text = self.take_while(|c| !is_special(c));
        let trimmed = text.trim();
        (!trimmed.is_empty()).then(|| trimmed.to_owned())
    }

    /// `'"' ... '"'` with `\"` and `\\` escapes, at the opening quote.
    fn quoted(&mut self) -> Result<String, FilterError> {
        let open = self.pos;
        self.pos += 1;
        let mut value = String::new();
        loop {
            let at = self.pos;
            match self.bump() {
                Some('"') => return Ok(value),
                Some('\\') => match self.bump() {
                    Some(c @ ('"' | '\\')) => value.push(c),
                    Some(c) => {
                        return Err(error_at(at, Syntax::UnknownEscape { escape: c }));
                    }
                    None => break,
                },
                Some(c) => value.push(c),
                None => break,
            }
        }
        Err(self.error(Syntax::UnclosedQuote { open }))
    }
}

fn error_at(position: usize, kind: Syntax) -> FilterError {
    FilterError { position, kind }
}

/// Prints a filter as canonical text without spaces, e.g. `and(a[eq]:1,b[in]:[x,y])`, so
/// that `parse(&print(f)) == Ok(f)` for every filter `parse` can return.
///
/// Values are printed bare when that parses back to the same string, quoted otherwise.
/// Trees `parse` never returns print text that does not parse back to them: `and`/`or`
/// without children print as `and()`/`or()` (which `parse` rejects); path parts that are
/// not identifiers are printed as they are; an operand that does not suit its operator
/// (a list other than for `in`/`nin`, `Null`/`NotNull` other than for `is`, a value for
/// `is`) is printed in its own form; and trees nested more than 32 levels deep print but
/// do not parse.
pub fn print(filter: &Filter) -> String {
    let mut out = String::new();
    write_filter(&mut out, filter);
    out
}

fn write_filter(out: &mut String, filter: &Filter) {
    match filter {
        Filter::And(children) => write_combinator(out, "and", children),
        Filter::Or(children) => write_combinator(out, "or", children),
        Filter::Not(child) => write_combinator(out, "not", std::slice::from_ref(&**child)),
        Filter::Cond(condition) => write_condition(out, condition),
    }
}

fn write_combinator(out: &mut String, name: &str, children: &[Filter]) {
    out.push_str(name);
    out.push('(');
    for (i, child) in children.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_filter(out, child);
    }
    out.push(')');
}

fn write_condition(out: &mut String, condition: &Condition) {
    out.push_str(&condition.path.join("."));
    out.push('[');
    out.push_str(condition.op.as_str());
    out.push_str("]:");
    match &condition.operand {
        Operand::Value(value) => write_atom(out, value),
        Operand::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_atom(out, item);
            }
            out.push(']');
        }
        Operand::Null => out.push_str("null"),
        Operand::NotNull => out.push_str("not_null"),
    }
}

/// Writes a value bare if it parses back bare as itself, quoted otherwise.
fn write_atom(out: &mut String, value: &str) {
    let bare = !value.is_empty() && value.trim() == value && !value.chars().any(is_special);
    if bare {
        out.push_str(value);
        return;
    }
    out.push('"');
    for c in value.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::collection::vec;
    use proptest::prelude::*;
    use proptest::sample::select;

    fn cond(path: &str, op: Op, operand: Operand) -> Filter {
        let path = path.split('.').map(str::to_owned).collect();
        Filter::Cond(Condition { path, op, operand })
    }

    fn value(v: &str) -> Operand {
        Operand::Value(v.to_owned())
    }

    fn list(items: &[&str]) -> Operand {
        Operand::List(items.iter().map(|s| (*s).to_owned()).collect())
    }

    #[test]
    fn parses_the_design_examples() {
        let cases = [
            (
                "and(stage[in]:[won,lost],or(amount[gte]:1000,owner[eq]:me))",
                Filter::And(vec![
                    cond("stage", Op::In, list(&["won", "lost"])),
                    Filter::Or(vec![cond("amount", Op::Gte, value("1000")), cond("owner", Op::Eq, value("me"))]),
                ]),
            ),
            ("address.city[eq]:Athens", cond("address.city", Op::Eq, value("Athens"))),
            ("name[is]:null", cond("name", Op::Is, Operand::Null)),
            ("email[is]:not_null", cond("email", Op::Is, Operand::NotNull)),
            ("not(status[eq]:closed)", Filter::Not(Box::new(cond("status", Op::Eq, value("closed"))))),
            (r#"name[eq]:"Smith, John""#, cond("name", Op::Eq, value("Smith, John"))),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text), Ok(expected.clone()), "{text}");
            assert_eq!(parse(&print(&expected)), Ok(expected), "{text}");
        }
    }

    #[test]
    fn parses_every_operator() {
        for op in Op::ALL {
            let operand = match op {
                Op::In | Op::Nin => list(&["a"]),
                Op::Is => Operand::Null,
                _ => value("a"),
            };
            let expected = cond("f", op, operand);
            assert_eq!(parse(&print(&expected)), Ok(expected));
        }
    }

    #[test]
    fn allows_whitespace_around_tokens() {
        let text = " and (\n\ta [ in ] : [ x y , \"z\" ] ,\r\n b[is]: not_null , c.d[eq]:  e f  ) ";
        let expected = Filter::And(vec![
            cond("a", Op::In, list(&["x y", "z"])),
            cond("b", Op::Is, Operand::NotNull),
            cond("c.d", Op::Eq, value("e f")),
        ]);
        assert_eq!(parse(text), Ok(expected));
    }

    #[test]
    fn parses_edge_values() {
        let cases = [
            ("and[eq]:1", cond("and", Op::Eq, value("1"))),
            ("not.x[eq]:1", cond("not.x", Op::Eq, value("1"))),
            ("a[eq]:null", cond("a", Op::Eq, value("null"))),
            ("a[gte]:2024-01-01T10:00:00Z", cond("a", Op::Gte, value("2024-01-01T10:00:00Z"))),
            (r#"a[eq]:"""#, cond("a", Op::Eq, value(""))),
            (r#"a[eq]:"q\"b\\s""#, cond("a", Op::Eq, value(r#"q"b\s"#))),
            (r"a[eq]:C:\dir", cond("a", Op::Eq, value(r"C:\dir"))),
            ("a[eq]:Ζωή 😀", cond("a", Op::Eq, value("Ζωή 😀"))),
            ("a[nin]:[]", cond("a", Op::Nin, list(&[]))),
            ("a[in]:[ ]", cond("a", Op::In, list(&[]))),
            (r#"a[in]:["",","]"#, cond("a", Op::In, list(&["", ","]))),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn prints_canonical_text() {
        let filter = Filter::And(vec![
            cond("a", Op::Eq, value("1")),
            cond("b", Op::In, list(&["x", "y z", " w", "", "n,m", r#"q"\"#])),
            Filter::Not(Box::new(cond("c.d", Op::Is, Operand::NotNull))),
            Filter::Or(vec![cond("e", Op::Eq, value("null"))]),
        ]);
        let text = r#"and(a[eq]:1,b[in]:[x,y z," w","","n,m","q\"\\"],not(c.d[is]:not_null),or(e[eq]:null))"#;
        assert_eq!(print(&filter), text);
        assert_eq!(filter.to_string(), text);
        assert_eq!(print(&Filter::Or(vec![])), "or()");
    }

    #[test]
    fn rejects_malformed_filters() {
        let cases = [
            ("", 0, "expected a filter"),
            ("   ", 3, "expected a filter"),
            ("1a[eq]:x", 0, "expected a filter"),
            ("é[eq]:x", 0, "expected a filter"),
            ("a[eq]:1)", 7, "expected end of filter"),
            ("a[eq]:x\"y\"", 7, "expected end of filter"),
            ("a[eq]:\"ü😀\" x", 11, "expected end of filter"),
            ("a:1", 1, "expected `[` after field name"),
            ("a.[eq]:1", 2, "expected a field name after `.`"),
            ("a[]:1", 2, "expected an operator"),
            ("a[foo]:1", 2, "unknown operator `foo`"),
            ("a[ EQ ]:1", 3, "unknown operator `EQ`"),
            ("a[eq:1", 4, "expected `]` after operator"),
            ("a[eq]1", 5, "expected `:` after `]`"),
            ("a[eq]:", 6, "expected a value"),
            ("a[eq]:   ", 9, "expected a value"),
            ("a[eq]:[x]", 6, "`eq` takes one value, not a list"),
            ("a[in]:x", 6, "`in` needs a list like [a,b]"),
            ("a[nin]: \"x\"", 8, "`nin` needs a list like [a,b]"),
            ("a[in]:[x,y", 10, "expected `,` or `]` in the list"),
            ("a[in]:[x,,y]", 9, "expected a value"),
            ("a[in]:[x,]", 9, "expected a value"),
            ("a[is]:nothing", 6, "`is` takes null or not_null"),
            ("a[is]:\"null\"", 6, "`is` takes null or not_null"),
            ("a[is]:[null]", 6, "`is` takes null or not_null"),
            ("a[is]:", 6, "`is` takes null or not_null"),
            ("a[eq]:\"abc", 10, "expected `\"` to close the quote opened at character 6"),
            ("a[eq]:\"abc\\", 11, "expected `\"` to close the quote"),
            ("a[eq]:\"a\\nb\"", 8, "unknown escape `\\n`"),
            ("and(a[eq]:1", 11, "expected `,` or `)`"),
            ("and(a[eq]:1,)", 12, "expected a filter"),
            ("and()", 4, "`and` needs at least one filter"),
            ("or( )", 4, "`or` needs at least one filter"),
            ("not()", 4, "`not` takes exactly one filter"),
            ("not(a[eq]:1,b[eq]:2)", 11, "`not` takes exactly one filter"),
            ("not(a[eq]:1", 11, "expected `)` after the filter in `not(`"),
            ("foo(a[eq]:1)", 0, "unknown combinator `foo`"),
            ("and(x[eq]:1) or(y[eq]:2)", 13, "expected end of filter"),
        ];
        for (text, position, message) in cases {
            let err = parse(text).unwrap_err();
            assert_eq!(err.position, position, "{text}: {err}");
            assert!(err.kind.to_string().contains(message), "{text}: {err}");
        }
    }

    #[test]
    fn limits_nesting_depth() {
        let nested = |depth: usize| format!("{}a[eq]:1{}", "not(".repeat(depth), ")".repeat(depth));
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        let err = parse(&nested(MAX_DEPTH + 1)).unwrap_err();
        assert_eq!(err.position, 4 * MAX_DEPTH);
        assert!(err.kind.to_string().contains("nested"), "{err}");
        assert!(parse(&nested(100_000)).is_err());
    }

    fn ident() -> impl Strategy<Value = String> {
        "[A-Za-z_][A-Za-z0-9_]{0,6}"
    }

    fn text_value() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            r#"[a-zA-Z0-9 ,()\[\]"\\:.\t\né😀_-]{0,12}"#,
            Just("null".to_owned()),
            Just("not_null".to_owned()),
            Just(String::new()),
        ]
    }

    fn operand(op: Op) -> BoxedStrategy<Operand> {
        match op {
            Op::In | Op::Nin => vec(text_value(), 0..4).prop_map(Operand::List).boxed(),
            Op::Is => prop_oneof![Just(Operand::Null), Just(Operand::NotNull)].boxed(),
            _ => text_value().prop_map(Operand::Value).boxed(),
        }
    }

    fn condition() -> impl Strategy<Value = Condition> {
        (vec(ident(), 1..=2), select(Op::ALL.to_vec())).prop_flat_map(|(path, op)| {
            operand(op).prop_map(move |operand| Condition { path: path.clone(), op, operand })
        })
    }

    /// Trees of depth at most 4 that `parse` can return (no empty `and`/`or`).
    fn filter() -> impl Strategy<Value = Filter> {
        condition().prop_map(Filter::Cond).prop_recursive(4, 32, 3, |inner| {
            prop_oneof![
                vec(inner.clone(), 1..=3).prop_map(Filter::And),
                vec(inner.clone(), 1..=3).prop_map(Filter::Or),
                inner.prop_map(|f| Filter::Not(Box::new(f))),
            ]
        })
    }

    /// Text made of the filter language's own characters, to reach deep into the parser.
    fn filterish() -> impl Strategy<Value = String> {
        r#"(and\(|or\(|not\(|[a-z_.\[\]():,"\\ ]|eq|in|is|null){0,30}"#
    }

    /// Inserting one of these characters somewhere into printed text.
    fn edit() -> impl Strategy<Value = (prop::sample::Index, char)> {
        let chars = vec![' ', '\t', 'x', '.', ',', '(', ')', '[', ']', ':', '"', '\\', 'é'];
        (any::<prop::sample::Index>(), select(chars))
    }

    fn check_error(text: &str, result: &Result<Filter, FilterError>) {
        if let Err(err) = result {
            assert!(err.position <= text.chars().count(), "{text:?}: {err}");
        }
    }

    proptest! {
        #[test]
        fn print_then_parse_round_trips(f in filter()) {
            prop_assert_eq!(parse(&print(&f)), Ok(f));
        }

        #[test]
        fn parse_never_panics(text in any::<String>()) {
            check_error(&text, &parse(&text));
        }

        #[test]
        fn parse_never_panics_on_filterish_text(text in filterish()) {
            check_error(&text, &parse(&text));
        }

        #[test]
        fn edited_filters_parse_stably(f in filter(), edits in vec(edit(), 1..4)) {
            let mut chars: Vec<char> = print(&f).chars().collect();
            for (at, c) in edits {
                chars.insert(at.index(chars.len() + 1), c);
            }
            let text: String = chars.into_iter().collect();
            let parsed = parse(&text);
            check_error(&text, &parsed);
            if let Ok(f) = parsed {
                prop_assert_eq!(parse(&print(&f)), Ok(f));
            }
        }

        #[test]
        fn parse_never_panics_on_truncated_filters(f in filter(), cut in any::<prop::sample::Index>()) {
            let text = print(&f);
            let chars: Vec<char> = text.chars().collect();
            let prefix: String = chars[..cut.index(chars.len() + 1)].iter().collect();
            check_error(&prefix, &parse(&prefix));
        }
    }

    #[test]
    fn wide_filters_are_refused() {
        let many: Vec<String> = (0..=MAX_CONDITIONS).map(|i| format!("a[eq]:{i}")).collect();
        let err = parse(&format!("or({})", many.join(","))).unwrap_err();
        assert!(err.kind.to_string().contains("too large"), "{err}");
        let values: Vec<String> = (0..=MAX_VALUES).map(|i| i.to_string()).collect();
        assert!(parse(&format!("a[in]:[{}]", values.join(","))).is_err());
        let fits: Vec<String> = (0..MAX_CONDITIONS).map(|i| format!("a[eq]:{i}")).collect();
        assert!(parse(&format!("or({})", fits.join(","))).is_ok());
    }

    #[test]
    fn filters_built_by_code_have_the_same_bounds() {
        let cond = |i: usize| {
            Filter::Cond(Condition { path: vec!["a".into()], op: Op::Eq, operand: Operand::Value(i.to_string()) })
        };
        let wide = Filter::Or((0..=MAX_CONDITIONS).map(cond).collect());
        assert!(matches!(check_bounds(&wide).unwrap_err().kind, Syntax::TooLarge { .. }));
        assert!(check_bounds(&Filter::Or((0..MAX_CONDITIONS).map(cond).collect())).is_ok());
        let list = Operand::List((0..=MAX_VALUES).map(|i| i.to_string()).collect());
        let long = Filter::Cond(Condition { path: vec!["a".into()], op: Op::In, operand: list });
        assert!(matches!(check_bounds(&long).unwrap_err().kind, Syntax::TooLarge { .. }));
        let deep = (0..=MAX_DEPTH).fold(cond(0), |f, _| Filter::Not(Box::new(f)));
        assert_eq!(check_bounds(&deep).unwrap_err().kind, Syntax::TooDeep { max: MAX_DEPTH });
        let deepest = (0..MAX_DEPTH).fold(cond(0), |f, _| Filter::Not(Box::new(f)));
        assert!(check_bounds(&deepest).is_ok());
    }
}
