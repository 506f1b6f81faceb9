"""Who won: each contest that fills a post, decided by who holds the post in the following session.

CAL-ACCESS publishes no results, but its incumbent pages list who held each office in each two-year
session, and a contest is won by the candidate who then holds its post:
- a November general of year Y fills the posts of the session starting in Y+1 (statewide offices too:
  elected in Y, they take office in Y+1, and the session Y+1 page lists them);
- a special election, special runoff or recall fills the post within the session of its date; the page of
  that session may have been saved before the special (it lists the predecessor), so the next session's
  page is read after it.
Primaries are not judged: they nominate, and the pages cannot say whom. A special election that a special
runoff decides filled no post: whoever runs in the runoff advanced to it, the others lost. A recall's
replacement contest is judged like a special, except when the recall failed (recalls.csv, carried on the
RetentionContest): the holder stayed, and every replacement candidate lost.

OCDEP 20's Candidacy has no result field, so the result travels in extras, which the VIP and NIST exports
turn into the standard's PostElectionStatus:
- ocd.candidacy.extras.election_result: won, lost, advanced to runoff, or unknown;
- ocd.candidate_contest.extras: decided (a candidacy won), decided_why (the page that shows it, or why
  nothing does) and winner_candidacy_id.
A contest is undecided when the page it needs was never saved, lists dates only, lists no holder of the
post, or lists a holder who is not among the candidates (a candidate list the sources left incomplete, a
holder who came in by a later special, or a person the people step did not merge); each is a finding.
"""

from __future__ import annotations

from calaccess.process.runner import StepRun, count

# The kinds of election whose contests fill a post, as the accounting names them.
KINDS = {
    "GENERAL": "general",
    "SPECIAL ELECTION": "special election",
    "SPECIAL RUNOFF": "special runoff",
    "RECALL": "recall",
}


def account(step: StepRun) -> None:
    """The winners per kind of election, and the candidacies' results: notes that say only what applies."""
    con, run = step.con, step.run
    for kind, label in KINDS.items():
        outcomes = dict(
            con.execute(
                "SELECT outcome, count(*) FROM contest_winner WHERE kind = ? GROUP BY outcome", [kind]
            ).fetchall()
        )
        decided, undecided = outcomes.get("decided", 0), outcomes.get("undecided", 0)
        runoff, no_replacement = outcomes.get("runoff", 0), outcomes.get("no replacement", 0)
        reasons = con.execute(
            """SELECT undecided_reason, count(*) FROM contest_winner WHERE kind = ? AND outcome = 'undecided'
               GROUP BY ALL ORDER BY count(*) DESC, undecided_reason""",
            [kind],
        ).fetchall()
        why = "; ".join(f"{n} {reason}" for reason, n in reasons)
        elsewhere = [
            f"{runoff} decided by a special runoff (they fill no post)" if runoff else "",
            f"{no_replacement} replacement contests of failed recalls (no one was elected)"
            if no_replacement
            else "",
        ]
        not_counted = " and ".join(part for part in elsewhere if part)
        run.account(
            f"contest winners: {label}",
            rows_in=decided + undecided,
            rows_out=decided,
            rows_unknown=undecided,
            note=f"in: {label} contests that fill a post; out: decided (a candidate holds the post on the "
            f"incumbents page of the session it fills); unknown: undecided"
            f"{', by what the pages show: ' + why + ' (findings)' if why else ''}"
            f"{'; not counted: ' + not_counted if not_counted else ''}",
        )
    results = dict(
        con.execute("SELECT election_result, count(*) FROM candidacy_result GROUP BY ALL").fetchall()
    )
    judged = sum(results.values())
    primaries = count(con, "SELECT count(*) FROM ocd.candidacy") - judged
    run.account(
        "candidacy election result",
        rows_in=judged,
        rows_out=judged - results.get("unknown", 0),
        rows_unknown=results.get("unknown", 0),
        note=f"in: candidacies in contests that fill a post (the {primaries} of primaries are not judged); "
        f"out: {results.get('won', 0)} won, {results.get('lost', 0)} lost, "
        f"{results.get('advanced to runoff', 0)} advanced to a special runoff; unknown: the contest is "
        "undecided",
    )
