"""Schemathesis hooks for scripts/api-fuzz: besides what schemathesis generates from
the OpenAPI document, send what an attacker or a broken client sends — NUL characters,
non-ASCII and overlong text, huge arrays and deeply nested values — in query
parameters, path parameters and JSON bodies. Every mutation is drawn from a Hypothesis
strategy, so a run is repeatable with its seed and failures shrink.

Loaded by `SCHEMATHESIS_HOOKS=scripts/api-fuzz-hooks.py` (schemathesis 4).
"""

from hypothesis import strategies as st

import schemathesis

# Text that reaches the server as a value: NUL (PostgreSQL refuses it in text), other
# control characters, non-ASCII in several scripts, characters that change direction
# or are invisible, and text far longer than any field takes.
HOSTILE_TEXT = [
    "\x00",
    "a\x00b",
    "name\x00[eq]:x",
    "\x01\x1f\x7f",
    "Γιώργος Παπαδόπουλος",
    "Árpád Kovács őű",
    "محمد عبد الله",
    "名前😀",
    "\u202eabc\u200b\ufeff",
    "e\u0301",
    "%00%FF%FE",
    "x" * 70_000,
    "ζ" * 5_000,
]

# Filter, sort and field lists built to be large or deep rather than malformed.
DEEP_FILTER = "and(" * 200 + "name[eq]:x" + ")" * 200
WIDE_FILTER = "or(" + ",".join(f"emails[eq]:p{i}@example.com" for i in range(3_000)) + ")"
LONG_IN = "name[in]:[" + ",".join(f"v{i}" for i in range(6_000)) + "]"
NUL_FILTERS = ["name[eq]:a\x00b", "emails[contains]:\x00", "address.city[in]:[\x00,x]", "name[like]:%\x00%"]
HOSTILE_QUERY_TEXT = HOSTILE_TEXT + [DEEP_FILTER, WIDE_FILTER, LONG_IN] + NUL_FILTERS

HUGE = 5_000
# Deeper than the server takes (it refuses deep bodies), shallow enough for
# schemathesis's own recursive reporting.
DEPTH = 200


def nested(value, depth, as_list):
    for _ in range(depth):
        value = [value] if as_list else {"a": value}
    return value


def strings_replaced(value, text):
    """`value` with every string value in it replaced by `text`."""
    if isinstance(value, str):
        return text
    if isinstance(value, list):
        return [strings_replaced(v, text) for v in value]
    if isinstance(value, dict):
        return {k: strings_replaced(v, text) for k, v in value.items()}
    return value


def strings_suffixed(value, suffix):
    """`value` with `suffix` added to every string value (keys unchanged)."""
    if isinstance(value, str):
        return value + suffix
    if isinstance(value, list):
        return [strings_suffixed(v, suffix) for v in value]
    if isinstance(value, dict):
        return {k: strings_suffixed(v, suffix) for k, v in value.items()}
    return value


def names_of(parameters):
    """The names of an operation's parameters of one kind (query, path)."""
    try:
        return sorted({p.name for p in parameters})
    except Exception:  # an operation without them, or another schemathesis
        return []


# Hostile input stands alone (the parameter or field with nothing else wrong beside
# it): half of what schemathesis generates is negative already, and a request that is
# refused for another parameter first never reaches the code under test.
NAMED = [{}, {"name": "Hostile"}, {"name": {"first": "Hos", "last": "Tile"}}]


def hostile_query(context, query):
    """One query parameter hostile, alone: text, thousands of values, or a filter that
    is deep, wide or holds NUL."""
    names = names_of(context.operation.query) if context.operation else []
    names = names or sorted(query or {})
    if not names:
        return st.just(query)
    values = st.one_of(
        st.sampled_from(HOSTILE_QUERY_TEXT),
        st.sampled_from(["x", "a\x00", "Ζ"]).map(lambda t: [t] * HUGE),
    )
    one = st.tuples(st.sampled_from(names), values).map(lambda kv: {kv[0]: kv[1]})
    if "filter" not in names:
        return one
    filters = st.sampled_from(NUL_FILTERS + [DEEP_FILTER, WIDE_FILTER, LONG_IN]).map(lambda f: {"filter": f})
    return st.one_of(one, filters)


def hostile_body(context, body):
    """A JSON body made hostile: NUL or other text in every string, or one field alone
    (beside a name) hostile text, a huge array, deeply nested; or the emails and
    phones of a record by the thousand."""
    if isinstance(body, list):
        return st.one_of(st.just([body[0] if body else {}] * HUGE), st.just(nested(body, DEPTH, True)))
    if isinstance(body, str):
        return st.sampled_from(HOSTILE_TEXT)
    if not isinstance(body, dict):
        return st.just(body)
    emails = [{"value": f"p{i}@example.com"} for i in range(HUGE)]
    phones = [{"value": f"+30210{i:07d}"} for i in range(HUGE)]
    keys = sorted(body) or ["name"]
    named = st.sampled_from(NAMED)
    field = st.sampled_from(keys)
    def alone(value):
        return st.tuples(named, field, value).map(lambda t: {**t[0], t[1]: t[2]})
    return st.one_of(
        st.sampled_from(HOSTILE_TEXT).map(lambda t: strings_suffixed(body, t)),
        st.sampled_from(HOSTILE_TEXT).map(lambda t: strings_replaced(body, t)),
        alone(st.sampled_from(HOSTILE_TEXT)),
        alone(st.just(["x"] * HUGE)),
        alone(st.booleans().map(lambda as_list: nested("x", DEPTH, as_list))),
        st.tuples(named, st.sampled_from(HOSTILE_TEXT)).map(lambda t: {**t[0], t[1]: "x"}),
        named.map(lambda n: {**n, "emails": emails}),
        named.map(lambda n: {**n, "phones": phones}),
        named.map(lambda n: {**n, "emails": [e["value"] for e in emails]}),
    )


def sometimes(value, hostile):
    """Half the cases as schemathesis made them (so valid requests still reach deep),
    half made hostile."""
    return st.booleans().flatmap(lambda bad: hostile(value) if bad else st.just(value))


@schemathesis.hook
def flatmap_query(context, query):
    return sometimes(query, lambda q: hostile_query(context, q))


@schemathesis.hook
def flatmap_body(context, body):
    return sometimes(body, lambda b: hostile_body(context, b))


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    def hostile(params):
        if not isinstance(params, dict) or not params:
            return st.just(params)
        texts = ["a\x00b", "Ζήτα", "名前", "x" * 2_000, "%00"]
        return st.tuples(st.sampled_from(sorted(params)), st.sampled_from(texts)).map(
            lambda kv: {**params, kv[0]: kv[1]}
        )

    return sometimes(path_parameters, hostile)
