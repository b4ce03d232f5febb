"""Schemathesis hooks for .ci/api-contract: the OpenAPI document's own format, and the rules
OpenAPI cannot express, each by name (run with --exclude-checks positive_data_acceptance, which
positive_data_acceptance_but_named_rules replaces).

Loaded with SCHEMATHESIS_HOOKS=schemathesis_hooks (this folder on PYTHONPATH).
"""

from hypothesis import strategies as st

import schemathesis
from schemathesis.specs.openapi.checks import positive_data_acceptance

# The format `jibang-term-group` (the q, a and b parameters): a preset name, NAME=QUERY, or a
# query of alternatives separated by |. The README's "Term groups" defines it; these are drawn
# from every kind of alternative, and every one of them is a query the server must accept.
PRESETS = ["regional-economy", "defence-industry", "defence-science", "20x10", "Regional-Economy", "defense-industry"]
TERMS = ["지방공업", "지방경제", "지방발전", "공장", "로동", "노동", "인민", "군", "regional industry", "factory", "Kimhwa", "20×10", "2024", "café"]
term = st.sampled_from(TERMS)
day = st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 28))
month = st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1990, 2030), st.integers(1, 12))
year = st.integers(1990, 2030).map(lambda y: f"{y:04d}")
date = st.one_of(year, month, day)
extra = st.one_of(
    term,
    term.map(lambda t: f'"{t}"'),
    term.map(lambda t: f"-{t}"),
    date.map(lambda d: f"from:{d}"),
)


def query_of(first, rest, spaced):
    separator = " | " if spaced else "|"
    return separator.join([first] + rest)


query = st.builds(query_of, st.one_of(term, term.map(lambda t: f'"{t}"')), st.lists(extra, max_size=3), st.booleans())
named = st.builds(lambda name, q: f"{name}={q}", st.sampled_from(["industry", "economy", "지방"]), query)
schemathesis.openapi.format("jibang-term-group", st.one_of(st.sampled_from(PRESETS), named, query))


# The rules OpenAPI cannot express: between fields of one request, or between a request and the
# data in the store. Each is named, with the operation, the status and the words of the
# server's error that identify it; a rejection matching none of them still fails the run.
NAMED_RULES = [
    # /compare's a and b must be two different groups.
    ("compare-two-groups", "GET", "/compare", 400, "give two different term groups"),
    # A date range's start (from, its first day) must not come after its end (to, its last day).
    ("range-in-order", "GET", ("/trend", "/kwic", "/compare", "/peaks", "/corpus/coverage", "/collocates"), 422, "give the earlier date first"),
    # /corpus/changes compares two chosen versions of one document only: from_version and to_version need document.
    ("versions-of-one-document", "GET", "/corpus/changes", 400, "name it with document=ID"),
    # A correlation needs at least 4 periods, and both series must vary over them (data in the store).
    ("correlation-needs-varying-periods", "GET", "/compare", 422, ("so its correlation is undefined", "confidence interval needs at least")),
    # A reported milestone's date must not be after today; a future one is recorded as planned.
    ("reported-dates-not-in-the-future", ("POST", "PATCH"), ("/milestones", "/milestones/{id}"), 422, "after today"),
    # A milestone named when accepting a candidate must be at the candidate's place, with its event (data in the store).
    ("accepted-milestone-matches-candidate", "POST", "/evidence/{id}/accept", 422, ("; the article reports a", ", not at ")),
    # A candidate that names only a province is accepted with the site chosen (place), one of the province's (data in the store).
    ("province-candidate-needs-its-site", "POST", "/evidence/{id}/accept", 422, "it names only a province; choose the site"),
]


def named_rule(case, response):
    """The name of the rule a rejection stands on, or None."""
    try:
        detail = response.json().get("detail", "")
    except Exception:
        return None
    for name, method, paths, status, words in NAMED_RULES:
        paths = (paths,) if isinstance(paths, str) else paths
        methods = (method,) if isinstance(method, str) else method
        words = (words,) if isinstance(words, str) else words
        if (
            case.operation.method.upper() in methods
            and case.operation.path in paths
            and response.status_code == status
            and any(w in detail for w in words)
        ):
            return name
    return None


@schemathesis.check
def positive_data_acceptance_but_named_rules(ctx, response, case):
    """Schemathesis's positive_data_acceptance, except for a rejection that names a rule above."""
    if named_rule(case, response) is not None:
        return None
    return positive_data_acceptance(ctx, response, case)
