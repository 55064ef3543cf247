"""The read-visibility matrix: every GET route of the app, read by every kind of caller.

The world (``tests.support.access_world``) holds an owner's draft with everything that can hang
under it, a unit's draft, a draft review, public OKRs and credentials. Every GET route the app
serves is classified here by hand (who may call it) and tried with probes: the ids of public
things, of hidden ones and of nothing, every format, every dataset, the feed and the lists walked
to their end page by page. Each probe is read as eight callers: the admin, the draft's owner,
the owner's manager, an unrelated member, an ``okrs:read`` key, a ``metrics:write`` key, an
``admin``-scope key and a person deactivated after their token was issued.

A cell (route x probe x caller) holds when:

- the status is the one the classification gives (401, 403 naming the missing role or scope, the
  probe's own status, or for a hidden id exactly the answer an unknown id gets);
- the body (streams read to their end, headers included) shows no credential's secret, lookup
  prefix or hash to anybody; no draft or draft-review text, metric key or hidden id to who may not
  see the drafts; no credential's name to who is not an admin;
- the texts the probe must show are there: public texts for every reader, draft texts for the
  draft's owner side, manager chain and admins, credential names for admins (so the matrix cannot
  pass by hiding everything).

Every failing cell is collected and named in one message per caller.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute

from tests.conftest import Actor, MakeActor
from tests.support import access_world as w
from tests.support.access_world import World, build_world
from tests.support.keys import api_routes, with_key

OPEN, READ, ADMIN, PERSON, SCIM = "open", "read", "admin", "person", "scim"

ACCESS: dict[str, str] = {
    "/healthz": OPEN,
    "/readyz": OPEN,
    "/v1/policy": READ,
    "/v1/org-units": READ,
    "/v1/org-units/{unit_id}": READ,
    "/v1/people": READ,
    "/v1/people/{person_id}": READ,
    "/v1/people/{person_id}/tokens": ADMIN,
    "/v1/cycles": READ,
    "/v1/current-cycle": READ,
    "/v1/current-cycle/report": READ,
    "/v1/cycles/{cycle_id}": READ,
    "/v1/cycles/{cycle_id}/alignment-graph": READ,
    "/v1/cycles/{cycle_id}/report": READ,
    "/v1/cycles/{cycle_id}/deadlines": READ,
    "/v1/people/{person_id}/inbox": READ,
    "/v1/me/inbox": PERSON,
    "/v1/org-units/{unit_id}/digests/weekly": READ,
    "/v1/org-units/{unit_id}/digests/review": READ,
    "/v1/events": READ,
    "/v1/key-results/{key_result_id}/initiatives": READ,
    "/v1/initiatives/{initiative_id}": READ,
    "/v1/objectives/{objective_id}/review": READ,
    "/v1/exports/{dataset}": READ,
    "/v1/objectives": READ,
    "/v1/objectives/{objective_id}": READ,
    "/v1/objectives/{objective_id}/lint": READ,
    "/v1/key-results": READ,
    "/v1/key-results/{key_result_id}": READ,
    "/v1/key-results/{key_result_id}/check-ins": READ,
    "/v1/change-requests": READ,
    "/v1/change-requests/{change_request_id}": READ,
    "/v1/alignments": READ,
    "/v1/alignments/{alignment_id}": READ,
    "/v1/dependencies": READ,
    "/v1/dependencies/{dependency_id}": READ,
    "/v1/api-keys": ADMIN,
    "/v1/api-keys/{api_key_id}": ADMIN,
    "/v1/audit-events": ADMIN,
    "/odata/v4": READ,
    "/odata/v4/": READ,
    "/odata/v4/$metadata": READ,
    "/odata/v4/{segment}": READ,
    "/odata/v4/{segment}/{navigation}": READ,
    "/scim/v2/ServiceProviderConfig": SCIM,
    "/scim/v2/ResourceTypes": SCIM,
    "/scim/v2/ResourceTypes/{type_id}": SCIM,
    "/scim/v2/Schemas": SCIM,
    "/scim/v2/Schemas/{schema_id}": SCIM,
    "/scim/v2/Users": SCIM,
    "/scim/v2/Users/{user_id}": SCIM,
    "/scim/v2/Groups": SCIM,
    "/scim/v2/Groups/{group_id}": SCIM,
    "/v1/webhooks": ADMIN,
    "/v1/webhooks/{webhook_id}": ADMIN,
    "/v1/webhooks/{webhook_id}/deliveries": ADMIN,
    "/v1/webhooks/{webhook_id}/deliveries/{delivery_id}": ADMIN,
}
"""Who may call each GET route: ``open`` needs no credential; ``read``: every person and the
``okrs:read`` and ``admin`` keys (the ``metrics:write`` key reads nothing); ``admin``: admins and
the ``admin`` key; ``person``: like ``read``, but about the caller as a person (a service key,
naming nobody, is refused); ``scim``: admins and keys with ``scim`` or ``org:write`` (none of the
world's other keys), refused in SCIM's error schema (no problem ``code``). A deactivated person's
token is 401 on every ``/v1`` and ``/scim/v2`` route.
A person's inbox is ``read`` with the person's id as a hidden id: it shows to the person, their
manager chain and admins, exactly the draft readers of the owner's draft."""

HIDDEN_ID_PARAMS = {
    "objective_id",
    "key_result_id",
    "initiative_id",
    "alignment_id",
    "dependency_id",
}
"""Path parameters naming something that may hang under a draft: each route that takes one is
tried with a hidden id."""

VIEWERS = (
    "admin",
    "owner",
    "manager",
    "unrelated",
    "okrs:read key",
    "metrics:write key",
    "admin key",
    "deactivated",
)
SEES_DRAFTS = frozenset({"admin", "owner", "manager", "admin key"})
"""The draft's owner (and their unit's head), the owner's manager chain and admins."""
ADMINS = frozenset({"admin", "admin key"})
PERSONS = frozenset({"owner", "manager", "unrelated"})

UNKNOWN_METRIC_KEY = "no-such-metric-key"
ODATA_WALK = "@odata.nextLink"


@dataclass(frozen=True)
class Probe:
    """One request to a route, and what its answer must show.

    ``hidden`` maps each hidden value the request names (an id, a metric key) to the stand-in of
    its twin: the same request about something that does not exist. Who may not see the drafts
    must get exactly the twin's answer (once both values are blanked out).
    """

    params: Mapping[str, str] = field(default_factory=dict)
    query: Mapping[str, str] = field(default_factory=dict)
    status: int = 200
    """The status for a caller who may call the route and see what the probe names."""
    hidden: Mapping[str, str] = field(default_factory=dict)
    twin_status: int = 404
    public: tuple[str, ...] = ()
    """Texts every caller allowed on the route must find."""
    seen: tuple[str, ...] = ()
    """Texts the drafts' owner side, manager chain and admins must find."""
    admin_seen: tuple[str, ...] = ()
    """Texts only admins must find (and nobody else may)."""
    headers: Mapping[str, str] = field(default_factory=dict)
    walk: str | None = None
    """Walk the pages to their end with this query parameter (``after`` or ``cursor``), or
    by following ``@odata.nextLink`` (``ODATA_WALK``)."""

    def twin(self) -> Probe:
        """The same request about unknown things."""

        def swap(values: Mapping[str, str]) -> dict[str, str]:
            return {k: self.hidden.get(v, v) for k, v in values.items()}

        return replace(
            self,
            params=swap(self.params),
            query=swap(self.query),
            status=self.twin_status,
            hidden={},
            public=(),
            seen=(),
            admin_seen=(),
        )

    def label(self, path: str) -> str:
        url = path.format(**self.params)
        if self.query:
            url += "?" + "&".join(f"{k}={v}" for k, v in self.query.items())
        return url


# -- the probes of every route -------------------------------------------------------------------

DRAFT_TEXTS = (w.DRAFT_TITLE, w.DRAFT_DESCRIPTION, *w.DRAFT_KR_TITLES, *w.DRAFT_METRIC_KEYS)
UNIT_TEXTS = (w.UNIT_DRAFT_TITLE, w.UNIT_DRAFT_KR_TITLE, w.UNIT_DRAFT_METRIC_KEY)
DATASETS = ("objectives", "key-results", "check-ins", "people", "org-units", "reviews")
FORMATS = ("csv", "ndjson")


def _export_probes(world: World) -> list[Probe]:
    shows: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
        "objectives": (
            (w.PUBLIC_TITLE, w.ANNUAL_TITLE),
            (w.DRAFT_TITLE, w.UNIT_DRAFT_TITLE, w.PROPOSED_TITLE),
        ),
        "key-results": (
            (w.PUBLIC_KR_TITLE, w.PUBLIC_METRIC_KEY),
            (*w.DRAFT_KR_TITLES, *w.DRAFT_METRIC_KEYS, w.UNIT_DRAFT_KR_TITLE),
        ),
        "check-ins": ((w.PUBLIC_CHECK_IN_NOTE,), (w.DRAFT_CHECK_IN_NOTE,)),
        "people": (("Unrelated", "Deactivated"), ()),
        "org-units": (("Company", "Team"), ()),
        "reviews": ((), w.REVIEW_MARKERS),
    }
    probes = [
        Probe(
            {"dataset": dataset}, {"format": fmt}, public=shows[dataset][0], seen=shows[dataset][1]
        )
        for dataset in DATASETS
        for fmt in FORMATS
    ]
    return [
        *probes,
        Probe({"dataset": "objectives"}, seen=(w.DRAFT_TITLE,), public=(w.PUBLIC_TITLE,)),
        Probe(
            {"dataset": "key-results"},
            {"format": "ndjson", "cycle_id": world.quarter_id},
            public=(w.PUBLIC_KR_TITLE,),
            seen=(*w.DRAFT_KR_TITLES, w.UNIT_DRAFT_KR_TITLE),
        ),
        Probe(
            {"dataset": "check-ins"}, {"cycle_id": world.quarter_id}, seen=(w.DRAFT_CHECK_IN_NOTE,)
        ),
        Probe({"dataset": "reviews"}, {"cycle_id": world.review_cycle_id}, seen=w.REVIEW_MARKERS),
        Probe({"dataset": "objectives"}, {"cycle_id": world.unknown_id}, status=404),
    ]


def _odata_probes(world: World) -> dict[str, list[Probe]]:
    """The feed: every entity set whole and walked a page of one row at a time, filters, an
    expansion from a public objective to its KRs, hidden keys and navigations from them."""
    unknown, draft, public = world.unknown_id, world.draft_id, world.public_id
    kr_one = world.draft_kr_ids[0]
    shows: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
        "Objectives": ((w.PUBLIC_TITLE, w.ANNUAL_TITLE), (w.DRAFT_TITLE, w.UNIT_DRAFT_TITLE)),
        "KeyResults": (
            (w.PUBLIC_KR_TITLE, w.PUBLIC_METRIC_KEY),
            (*w.DRAFT_KR_TITLES, *w.DRAFT_METRIC_KEYS, w.UNIT_DRAFT_KR_TITLE),
        ),
        "CheckIns": ((w.PUBLIC_CHECK_IN_NOTE,), (w.DRAFT_CHECK_IN_NOTE,)),
        "People": (("Unrelated", "Deactivated"), ()),
        "OrgUnits": (("Company", "Team"), ()),
        "Cycles": (("Q1 2026", "Q4 2025"), ()),
        "Reviews": ((), w.REVIEW_MARKERS),
    }

    def key(entity_set: str, value: str) -> str:
        return f"{entity_set}('{value}')"

    def hidden_key(entity_set: str, value: str) -> dict[str, str]:
        return {key(entity_set, value): key(entity_set, unknown)}

    sets = [
        Probe({"segment": name}, {"$count": "true"}, public=public_texts, seen=seen_texts)
        for name, (public_texts, seen_texts) in shows.items()
    ]
    walks = [
        Probe(
            {"segment": name},
            headers={"Prefer": "odata.maxpagesize=1"},
            walk=ODATA_WALK,
            public=public_texts,
            seen=seen_texts,
        )
        for name, (public_texts, seen_texts) in shows.items()
    ]
    return {
        "/odata/v4": [Probe(public=("Objectives", "CheckIns"))],
        "/odata/v4/": [Probe(public=("Objectives", "CheckIns"))],
        "/odata/v4/$metadata": [
            Probe(public=("OKR.Objective",)),
            Probe(query={"$format": "json"}, public=("OKR.Container",)),
        ],
        "/odata/v4/{segment}": [
            *sets,
            *walks,
            Probe(
                {"segment": "Objectives"},
                {"$filter": f"contains(title,'{w.DRAFT_TITLE[:4]}') or state eq 'agreed'"},
                seen=(w.DRAFT_TITLE,),
            ),
            Probe(
                {"segment": "Objectives"},
                {"$expand": "KeyResults,Review", "$select": "id,title"},
                public=(w.PUBLIC_KR_TITLE,),
                seen=(*w.DRAFT_KR_TITLES, *w.REVIEW_MARKERS),
            ),
            Probe(
                {"segment": "Cycles"},
                {"$expand": "Objectives($select=title)"},
                public=(w.PUBLIC_TITLE,),
                seen=(w.DRAFT_TITLE,),
            ),
            Probe(
                {"segment": "KeyResults"},
                {"$filter": f"objective_id eq '{draft}'"},
                seen=w.DRAFT_KR_TITLES,
            ),
            Probe(
                {"segment": key("Objectives", draft)},
                hidden=hidden_key("Objectives", draft),
                seen=(w.DRAFT_TITLE, w.DRAFT_DESCRIPTION),
            ),
            Probe(
                {"segment": key("KeyResults", kr_one)},
                hidden=hidden_key("KeyResults", kr_one),
                seen=(w.DRAFT_KR_TITLES[0],),
            ),
            Probe({"segment": key("Objectives", public)}, public=(w.PUBLIC_TITLE,)),
            Probe({"segment": key("Objectives", unknown)}, status=404),
            Probe({"segment": "Secrets"}, status=404),
        ],
        "/odata/v4/{segment}/{navigation}": [
            Probe(
                {"segment": key("Objectives", draft), "navigation": "KeyResults"},
                hidden=hidden_key("Objectives", draft),
                seen=w.DRAFT_KR_TITLES,
            ),
            Probe(
                {"segment": key("KeyResults", kr_one), "navigation": "CheckIns"},
                hidden=hidden_key("KeyResults", kr_one),
                seen=(w.DRAFT_CHECK_IN_NOTE,),
            ),
            Probe(
                {"segment": key("Objectives", public), "navigation": "KeyResults"},
                public=(w.PUBLIC_KR_TITLE,),
            ),
            Probe({"segment": "Objectives", "navigation": "$count"}),
            Probe({"segment": key("Objectives", unknown), "navigation": "Cycle"}, status=404),
        ],
    }


def probes_of(world: World) -> dict[str, list[Probe]]:
    """Every GET route with its probes over the world."""
    unknown = world.unknown_id
    draft, unit_draft, public = world.draft_id, world.unit_draft_id, world.public_id
    kr_one, kr_two = world.draft_kr_ids
    outbound, inbound = world.draft_dependency_ids

    def hidden(value: str) -> dict[str, str]:
        return {value: unknown}

    year, number, _ = datetime.now(UTC).date().isocalendar()
    week = f"{year:04d}-W{number:02d}"
    graph_public = (w.PUBLIC_TITLE,)
    graph_seen = (w.DRAFT_TITLE, w.UNIT_DRAFT_TITLE, w.PROPOSED_TITLE)
    feed_seen = (
        *DRAFT_TEXTS,
        w.DRAFT_INITIATIVE,
        w.DRAFT_DEPENDENCY_NOTE,
        w.DRAFT_INBOUND_NOTE,
        w.DRAFT_CHECK_IN_NOTE,
        *UNIT_TEXTS,
        w.PROPOSED_TITLE,
        w.PROPOSED_KR_TITLE,
        *w.REVIEW_MARKERS,
    )
    return {
        "/healthz": [Probe()],
        "/readyz": [Probe()],
        "/v1/policy": [Probe()],
        "/v1/org-units": [
            Probe(public=("Company", "Team", "Other")),
            Probe(query={"parent_id": world.company_id}, public=("Team",)),
            Probe(query={"limit": "1"}, walk="cursor", public=("Company", "Other")),
        ],
        "/v1/org-units/{unit_id}": [
            Probe({"unit_id": world.team_id}, public=("Team",)),
            Probe({"unit_id": unknown}, status=404),
        ],
        "/v1/people": [
            Probe(public=("Owner", "Manager", "Unrelated", "Deactivated")),
            Probe(query={"unit_id": world.team_id}, public=("Owner",)),
            Probe(query={"limit": "1"}, walk="cursor", public=("Owner", "Deactivated")),
        ],
        "/v1/people/{person_id}": [
            Probe({"person_id": world.owner.id}, public=("Owner",)),
            Probe({"person_id": unknown}, status=404),
        ],
        "/v1/people/{person_id}/tokens": [
            Probe({"person_id": world.owner.id}, admin_seen=(w.TOKEN_NAME,)),
            Probe({"person_id": unknown}, status=404),
        ],
        "/v1/cycles": [
            Probe(public=("Q1 2026", "Q4 2025")),
            Probe(query={"state": "review"}, public=("Q4 2025",)),
        ],
        "/v1/current-cycle": [Probe()],
        "/v1/current-cycle/report": [Probe(), Probe(query={"unit_id": world.team_id})],
        "/v1/cycles/{cycle_id}": [
            Probe({"cycle_id": world.quarter_id}, public=("Q1 2026",)),
            Probe({"cycle_id": unknown}, status=404),
        ],
        "/v1/cycles/{cycle_id}/alignment-graph": [
            Probe(
                {"cycle_id": world.quarter_id},
                public=(w.PUBLIC_TITLE, w.PUBLIC_KR_TITLE, world.public_id),
                seen=(*graph_seen, *w.DRAFT_KR_TITLES, w.UNIT_DRAFT_KR_TITLE),
            ),
            *(
                Probe(
                    {"cycle_id": world.quarter_id},
                    {"format": fmt},
                    public=graph_public,
                    seen=graph_seen,
                )
                for fmt in ("json", "mermaid", "dot")
            ),
            Probe({"cycle_id": world.year_id}, {"format": "dot"}, public=(w.ANNUAL_TITLE,)),
            Probe({"cycle_id": unknown}, status=404),
        ],
        "/v1/cycles/{cycle_id}/report": [
            Probe({"cycle_id": world.quarter_id}),
            Probe({"cycle_id": world.quarter_id}, {"unit_id": world.team_id}),
            Probe({"cycle_id": world.review_cycle_id}),
            Probe({"cycle_id": unknown}, status=404),
        ],
        "/v1/cycles/{cycle_id}/deadlines": [
            Probe(
                {"cycle_id": world.quarter_id},
                public=(w.PUBLIC_TITLE, "submission", "review_confirmation"),
                seen=(w.DRAFT_TITLE,),
            ),
            Probe(
                {"cycle_id": world.quarter_id},
                {"on": "2025-12-01"},
                public=(w.PUBLIC_TITLE, "Manager"),
                seen=(w.DRAFT_TITLE, "Owner"),
            ),
            Probe({"cycle_id": world.review_cycle_id}),
            Probe({"cycle_id": unknown}, status=404),
        ],
        "/v1/people/{person_id}/inbox": [
            Probe(
                {"person_id": world.owner.id},
                hidden=hidden(world.owner.id),
                seen=(w.DRAFT_TITLE, w.DRAFT_INITIATIVE, "review_to_write"),
            ),
            Probe({"person_id": unknown}, status=404),
        ],
        "/v1/me/inbox": [Probe(), Probe(query={"on": "2026-01-15"})],
        "/v1/org-units/{unit_id}/digests/weekly": [
            Probe({"unit_id": world.company_id}, {"week": week}, public=(w.ANNUAL_TITLE,)),
            Probe(
                {"unit_id": world.company_id},
                {"week": "2026-W03"},
                public=(w.ANNUAL_TITLE, w.PUBLIC_TITLE),
            ),
            Probe(
                {"unit_id": world.company_id},
                {"week": "2026-W03", "person_id": world.manager.id},
                public=(w.PUBLIC_TITLE,),
            ),
            Probe({"unit_id": world.team_id}, {"week": week}),
            Probe({"unit_id": unknown}, {"week": week}, status=404),
        ],
        "/v1/org-units/{unit_id}/digests/review": [
            Probe(
                {"unit_id": world.company_id},
                {"cycle_id": world.review_cycle_id},
                public=(w.REVIEWED_TITLE, w.UNREVIEWED_TITLE),
                seen=w.REVIEW_MARKERS,
            ),
            Probe(
                {"unit_id": world.team_id},
                {"cycle_id": world.review_cycle_id},
                public=(w.REVIEWED_TITLE,),
                seen=w.REVIEW_MARKERS,
            ),
            Probe(
                {"unit_id": world.company_id},
                {"cycle_id": world.quarter_id},
                public=(w.PUBLIC_TITLE,),
            ),
            Probe({"unit_id": world.company_id}, {"cycle_id": unknown}, status=404),
            Probe({"unit_id": unknown}, {"cycle_id": world.review_cycle_id}, status=404),
        ],
        "/v1/events": [
            Probe(
                query={"limit": "7"},
                walk="after",
                public=(w.PUBLIC_TITLE, w.PUBLIC_CHECK_IN_NOTE, w.PUBLIC_DEPENDENCY_NOTE),
                seen=feed_seen,
                admin_seen=w.CREDENTIAL_NAMES,
            ),
            Probe(walk="after", seen=feed_seen, admin_seen=w.CREDENTIAL_NAMES),
        ],
        "/v1/key-results/{key_result_id}/initiatives": [
            Probe({"key_result_id": kr_one}, hidden=hidden(kr_one), seen=(w.DRAFT_INITIATIVE,)),
            Probe(
                {"key_result_id": kr_one},
                {"state": "todo", "assignee_id": world.owner.id},
                hidden=hidden(kr_one),
                seen=(w.DRAFT_INITIATIVE,),
            ),
            Probe({"key_result_id": world.public_kr_id}),
            Probe({"key_result_id": unknown}, status=404),
        ],
        "/v1/initiatives/{initiative_id}": [
            Probe(
                {"initiative_id": world.draft_initiative_id},
                hidden=hidden(world.draft_initiative_id),
                seen=(w.DRAFT_INITIATIVE,),
            ),
            Probe({"initiative_id": unknown}, status=404),
        ],
        "/v1/objectives/{objective_id}/review": [
            Probe(
                {"objective_id": world.reviewed_id},
                hidden={world.reviewed_id: world.unreviewed_id},
                seen=w.REVIEW_MARKERS,
            ),
            Probe({"objective_id": draft}, status=404, hidden=hidden(draft)),
            Probe({"objective_id": world.unreviewed_id}, status=404),
            Probe({"objective_id": unknown}, status=404),
        ],
        "/v1/exports/{dataset}": _export_probes(world),
        "/v1/objectives": [
            Probe(public=(w.PUBLIC_TITLE, w.ANNUAL_TITLE), seen=graph_seen),
            Probe(query={"cycle_id": world.quarter_id}, public=graph_public, seen=graph_seen),
            Probe(query={"state": "draft"}, seen=(w.DRAFT_TITLE, w.UNIT_DRAFT_TITLE)),
            Probe(query={"state": "proposed"}, seen=(w.PROPOSED_TITLE,)),
            Probe(
                query={"owner_id": world.owner.id},
                public=(w.REVIEWED_TITLE,),
                seen=(w.DRAFT_TITLE,),
            ),
            Probe(query={"owner_person_id": world.owner.id}, seen=graph_seen),
            Probe(
                query={"owner_type": "unit", "owner_id": world.team_id},
                seen=(w.UNIT_DRAFT_TITLE,),
            ),
            Probe(query={"grade": "poor"}),
            Probe(query={"limit": "1"}, walk="cursor", public=graph_public, seen=graph_seen),
        ],
        "/v1/objectives/{objective_id}": [
            Probe({"objective_id": draft}, hidden=hidden(draft), seen=DRAFT_TEXTS),
            Probe({"objective_id": unit_draft}, hidden=hidden(unit_draft), seen=UNIT_TEXTS),
            Probe(
                {"objective_id": world.proposed_id},
                hidden=hidden(world.proposed_id),
                seen=(w.PROPOSED_TITLE, w.PROPOSED_KR_TITLE),
            ),
            Probe({"objective_id": public}, public=(w.PUBLIC_TITLE, w.PUBLIC_METRIC_KEY)),
            Probe({"objective_id": unknown}, status=404),
        ],
        "/v1/objectives/{objective_id}/lint": [
            Probe({"objective_id": draft}, hidden=hidden(draft), seen=(draft,)),
            Probe({"objective_id": unit_draft}, hidden=hidden(unit_draft), seen=(unit_draft,)),
            Probe({"objective_id": public}, public=(public,)),
            Probe({"objective_id": unknown}, status=404),
        ],
        "/v1/key-results": [
            Probe(
                public=(w.PUBLIC_KR_TITLE, w.PUBLIC_METRIC_KEY),
                seen=(*w.DRAFT_KR_TITLES, *w.DRAFT_METRIC_KEYS, w.UNIT_DRAFT_KR_TITLE),
            ),
            Probe(
                query={"objective_id": draft},
                hidden=hidden(draft),
                twin_status=200,
                seen=w.DRAFT_KR_TITLES,
            ),
            Probe(
                query={"metric_key": w.DRAFT_METRIC_KEYS[0]},
                hidden={w.DRAFT_METRIC_KEYS[0]: UNKNOWN_METRIC_KEY},
                twin_status=200,
                seen=(w.DRAFT_KR_TITLES[0],),
            ),
            Probe(query={"metric_key": w.PUBLIC_METRIC_KEY}, public=(w.PUBLIC_KR_TITLE,)),
            Probe(query={"kind": "numeric"}, public=(w.PUBLIC_KR_TITLE,), seen=w.DRAFT_KR_TITLES),
            Probe(
                query={"limit": "1"},
                walk="cursor",
                public=(w.PUBLIC_KR_TITLE,),
                seen=w.DRAFT_KR_TITLES,
            ),
        ],
        "/v1/key-results/{key_result_id}": [
            Probe(
                {"key_result_id": kr_one},
                hidden=hidden(kr_one),
                seen=(w.DRAFT_KR_TITLES[0], w.DRAFT_METRIC_KEYS[0]),
            ),
            Probe(
                {"key_result_id": world.unit_draft_kr_id},
                hidden=hidden(world.unit_draft_kr_id),
                seen=(w.UNIT_DRAFT_KR_TITLE, w.UNIT_DRAFT_METRIC_KEY),
            ),
            Probe(
                {"key_result_id": world.proposed_kr_id},
                hidden=hidden(world.proposed_kr_id),
                seen=(w.PROPOSED_KR_TITLE,),
            ),
            Probe({"key_result_id": world.public_kr_id}, public=(w.PUBLIC_KR_TITLE,)),
            Probe({"key_result_id": unknown}, status=404),
        ],
        "/v1/key-results/{key_result_id}/check-ins": [
            Probe({"key_result_id": kr_one}, hidden=hidden(kr_one), seen=(w.DRAFT_CHECK_IN_NOTE,)),
            Probe({"key_result_id": world.public_kr_id}, public=(w.PUBLIC_CHECK_IN_NOTE,)),
            Probe({"key_result_id": unknown}, status=404),
        ],
        "/v1/change-requests": [
            Probe(public=(w.CHANGE_REQUEST_REASON,)),
            Probe(query={"objective_id": world.annual_id}, public=(w.CHANGE_REQUEST_REASON,)),
            Probe(query={"objective_id": draft}, hidden=hidden(draft), twin_status=200),
            Probe(query={"key_result_id": kr_one}, hidden=hidden(kr_one), twin_status=200),
        ],
        "/v1/change-requests/{change_request_id}": [
            Probe(
                {"change_request_id": world.change_request_id},
                public=(w.CHANGE_REQUEST_REASON,),
            ),
            Probe({"change_request_id": unknown}, status=404),
        ],
        "/v1/alignments": [
            Probe(public=(world.public_alignment_id,), seen=(world.draft_alignment_id,)),
            Probe(
                query={"child_objective_id": draft},
                hidden=hidden(draft),
                twin_status=200,
                seen=(world.draft_alignment_id,),
            ),
            Probe(query={"parent_objective_id": public}, seen=(world.draft_alignment_id,)),
            Probe(
                query={"cycle_id": world.quarter_id},
                public=(world.public_alignment_id,),
                seen=(world.draft_alignment_id,),
            ),
            Probe(query={"limit": "1"}, walk="cursor", public=(world.public_alignment_id,)),
        ],
        "/v1/alignments/{alignment_id}": [
            Probe(
                {"alignment_id": world.draft_alignment_id},
                hidden=hidden(world.draft_alignment_id),
                seen=(draft,),
            ),
            Probe({"alignment_id": world.public_alignment_id}, public=(public,)),
            Probe({"alignment_id": unknown}, status=404),
        ],
        "/v1/dependencies": [
            Probe(
                public=(w.PUBLIC_DEPENDENCY_NOTE,),
                seen=(w.DRAFT_DEPENDENCY_NOTE, w.DRAFT_INBOUND_NOTE),
            ),
            Probe(
                query={"from_objective_id": public},
                public=(w.PUBLIC_DEPENDENCY_NOTE,),
                seen=(w.DRAFT_INBOUND_NOTE,),
            ),
            Probe(query={"to_objective_id": public}, seen=(w.DRAFT_DEPENDENCY_NOTE,)),
            Probe(
                query={"from_objective_id": draft},
                hidden=hidden(draft),
                twin_status=200,
                seen=(w.DRAFT_DEPENDENCY_NOTE,),
            ),
            Probe(
                query={"to_key_result_id": kr_two},
                hidden=hidden(kr_two),
                twin_status=200,
                seen=(w.DRAFT_INBOUND_NOTE,),
            ),
            Probe(query={"limit": "1"}, walk="cursor", public=(w.PUBLIC_DEPENDENCY_NOTE,)),
        ],
        "/v1/dependencies/{dependency_id}": [
            Probe(
                {"dependency_id": outbound},
                hidden=hidden(outbound),
                seen=(w.DRAFT_DEPENDENCY_NOTE,),
            ),
            Probe({"dependency_id": inbound}, hidden=hidden(inbound), seen=(w.DRAFT_INBOUND_NOTE,)),
            Probe(
                {"dependency_id": world.public_dependency_id},
                public=(w.PUBLIC_DEPENDENCY_NOTE,),
            ),
            Probe({"dependency_id": unknown}, status=404),
        ],
        "/v1/api-keys": [
            Probe(admin_seen=tuple(w.KEY_NAMES.values())),
            Probe(
                query={"revoked": "false", "limit": "1"},
                walk="cursor",
                admin_seen=(w.KEY_NAMES["admin"],),
            ),
        ],
        "/v1/api-keys/{api_key_id}": [
            Probe(
                {"api_key_id": str(world.keys["okrs:read"].id)},
                admin_seen=(w.KEY_NAMES["okrs:read"],),
            ),
            Probe({"api_key_id": unknown}, status=404),
        ],
        "/v1/audit-events": [
            Probe(query={"limit": "25"}, walk="cursor", admin_seen=w.CREDENTIAL_NAMES),
            Probe(query={"entity": "api_key"}, admin_seen=tuple(w.KEY_NAMES.values())),
        ],
        **_odata_probes(world),
        "/scim/v2/ServiceProviderConfig": [Probe(public=("patch", "etag"))],
        "/scim/v2/ResourceTypes": [Probe(public=("/Users", "/Groups"))],
        "/scim/v2/ResourceTypes/{type_id}": [
            Probe({"type_id": "User"}, public=("/Users",)),
            Probe({"type_id": unknown}, status=404),
        ],
        "/scim/v2/Schemas": [Probe(public=("userName", "members"))],
        "/scim/v2/Schemas/{schema_id}": [
            Probe(
                {"schema_id": "urn:ietf:params:scim:schemas:core:2.0:User"}, public=("userName",)
            ),
            Probe({"schema_id": unknown}, status=404),
        ],
        "/scim/v2/Users": [
            Probe(public=("Unrelated", "Deactivated")),
            Probe(query={"filter": 'userName eq "nobody@example.com"'}),
            Probe(query={"filter": "userName eq"}, status=400),
        ],
        "/scim/v2/Users/{user_id}": [
            Probe({"user_id": world.unrelated.id}, public=("Unrelated",)),
            Probe({"user_id": unknown}, status=404),
        ],
        "/scim/v2/Groups": [Probe(public=("Company", "Team"))],
        "/scim/v2/Groups/{group_id}": [Probe({"group_id": unknown}, status=404)],
        "/v1/webhooks": [
            Probe(admin_seen=(w.WEBHOOK_URL, w.WEBHOOK_DESCRIPTION)),
            Probe(
                query={"active": "true", "limit": "1"}, walk="cursor", admin_seen=(w.WEBHOOK_URL,)
            ),
        ],
        "/v1/webhooks/{webhook_id}": [
            Probe({"webhook_id": world.webhook_id}, admin_seen=(w.WEBHOOK_DESCRIPTION,)),
            Probe({"webhook_id": unknown}, status=404),
        ],
        "/v1/webhooks/{webhook_id}/deliveries": [
            Probe({"webhook_id": world.webhook_id}, admin_seen=(w.WEBHOOK_DELIVERY_ERROR,)),
            Probe({"webhook_id": unknown}, status=404),
        ],
        "/v1/webhooks/{webhook_id}/deliveries/{delivery_id}": [
            Probe(
                {"webhook_id": world.webhook_id, "delivery_id": world.webhook_delivery_id},
                admin_seen=(w.WEBHOOK_DELIVERY_ERROR,),
            ),
            Probe({"webhook_id": world.webhook_id, "delivery_id": unknown}, status=404),
        ],
    }


# -- reading ------------------------------------------------------------------------------------


@dataclass
class Answer:
    """What a caller got: the status, the problem code if any, the first body, and every byte
    of every page with its headers."""

    status: int
    code: str | None
    body: str
    text: str
    pages: list[Any]


def _code(response: httpx.Response) -> str | None:
    """The code of a problem+json document, or of an OData error document."""
    content_type = response.headers.get("content-type", "")
    if content_type.startswith("application/problem+json"):
        code = response.json().get("code")
    elif content_type.startswith("application/json") and response.status_code >= 400:
        code = response.json().get("error", {}).get("code")
    else:
        return None
    return code if isinstance(code, str) else None


async def read(client: httpx.AsyncClient, path: str, probe: Probe) -> Answer:
    """The probe's answer; a walk follows ``next_cursor`` until it is null."""
    url = path.format(**probe.params)
    query = dict(probe.query)
    texts: list[str] = []
    pages: list[Any] = []
    first: str | None = None
    for _ in range(500):
        response = await client.get(url, params=query or None, headers=dict(probe.headers))
        first = response.text if first is None else first
        texts.append(response.text + json.dumps(dict(response.headers)))
        if response.status_code != 200 or probe.walk is None:
            return Answer(response.status_code, _code(response), first, "\n".join(texts), pages)
        page = response.json()
        pages.append(page)
        if probe.walk == ODATA_WALK:
            link = page.get(ODATA_WALK)
            if link is None:
                return Answer(200, None, first, "\n".join(texts), pages)
            url, query = link, {}
            continue
        cursor = page.get("next_cursor")
        if cursor is None or not page.get("items") or cursor == query.get(probe.walk):
            return Answer(200, None, first, "\n".join(texts), pages)
        query[probe.walk] = cursor
    raise AssertionError(f"{url}: more than 500 pages")


def _blank(text: str, values: Mapping[str, str] | list[str]) -> str:
    for value in values:
        text = text.replace(value, "<named>")
    return text


# -- judging one cell ---------------------------------------------------------------------------


def expected_refusal(route_access: str, viewer: str) -> tuple[int, str | None] | None:
    """The refusal a viewer gets on a route regardless of the probe (None: let through)."""
    if route_access == OPEN:
        return None
    if route_access == SCIM:
        if viewer == "deactivated":
            return 401, None
        return None if viewer in ADMINS else (403, None)
    if viewer == "deactivated":
        return 401, "auth.unauthenticated"
    if viewer == "metrics:write key":
        return 403, "permission.scope_required"
    if route_access == PERSON and viewer.endswith(" key"):
        return 403, "inbox.not_a_person"
    if route_access == ADMIN and viewer not in ADMINS:
        if viewer in PERSONS:
            return 403, "permission.admin_required"
        return 403, "permission.scope_required"
    return None


def leaks(world: World, viewer: str, text: str) -> list[str]:
    """What the text shows that the viewer must never see, one problem per kind."""
    credentials = [
        f"{what} of {credential.label}"
        for credential in world.credentials
        for what, value in zip(("secret", "prefix", "hash"), credential.never_shown, strict=False)
        if value in text
    ]
    hidden: list[str] = []
    if viewer not in SEES_DRAFTS:
        hidden = [m for m in (*w.DRAFT_MARKERS, *w.REVIEW_MARKERS) if m in text]
        hidden += [f"id of {world.name_of(i)}" for i in world.hidden_ids if i in text]
    names = [] if viewer in ADMINS else [n for n in w.CREDENTIAL_NAMES if n in text]
    found = {
        "credentials": credentials,
        "hidden drafts and reviews": hidden,
        "credential names": names,
    }
    return [f"shows {kind}: {', '.join(what)}" for kind, what in found.items() if what]


def _feed_problems(answer: Answer, viewer: str) -> list[str]:
    if viewer in ADMINS:
        return []
    shown = Counter(
        str(item.get("type"))
        for page in answer.pages
        for item in page.get("items", [])
        if item.get("entity") in w.CREDENTIAL_ENTITIES
    )
    return [f"shows admin-only events {dict(sorted(shown.items()))}"] if shown else []


async def judge(
    world: World,
    client: httpx.AsyncClient,
    viewer: str,
    path: str,
    probe: Probe,
) -> list[str]:
    """Everything wrong with one cell (empty when it holds)."""
    answer = await read(client, path, probe)
    problems: list[str] = []
    refusal = expected_refusal(ACCESS[path], viewer)
    sees = viewer in SEES_DRAFTS
    if refusal is not None:
        throttle_code = None if ACCESS[path] == SCIM else "auth.too_many_failures"
        throttled = (answer.status, answer.code) == (429, throttle_code)
        # A credential that keeps failing is throttled after OKR_AUTH_FAILURE_LIMIT refusals:
        # still a refusal, and one that tells nothing more.
        if (answer.status, answer.code) != refusal and not (refusal[0] == 401 and throttled):
            problems.append(f"answers {answer.status} {answer.code}, expected {refusal}")
    elif probe.hidden and not sees:
        twin = await read(client, path, probe.twin())
        if twin.status != probe.twin_status:
            problems.append(f"unknown twin answers {twin.status}, expected {probe.twin_status}")
        mine = _blank(answer.body, list(probe.hidden))
        theirs = _blank(twin.body, list(probe.hidden.values()))
        if (answer.status, answer.code) != (twin.status, twin.code):
            problems.append(
                f"a hidden id answers {answer.status} {answer.code}, an unknown one "
                f"{twin.status} {twin.code}"
            )
        elif mine != theirs:
            problems.append(f"a hidden id answers {mine[:300]!r}, an unknown one {theirs[:300]!r}")
    elif answer.status != probe.status:
        problems.append(f"answers {answer.status} {answer.code}, expected {probe.status}")

    problems += leaks(world, viewer, _blank(answer.text, list(probe.hidden)))
    if path == "/v1/events":
        problems += _feed_problems(answer, viewer)

    if refusal is None and answer.status == 200:
        required = list(probe.public)
        if sees:
            required += probe.seen
        if viewer in ADMINS:
            required += probe.admin_seen
        missing = [text for text in required if text not in answer.text]
        if missing:
            problems.append(f"does not show {missing}")
    return problems


async def report_problems(world: World, client: httpx.AsyncClient, viewer: str) -> list[str]:
    """The cycle report counts only what the viewer may see (drafts and the unpublished proposal
    counted by who sees them)."""
    if viewer in {"metrics:write key", "deactivated"}:
        return []
    path = f"/v1/cycles/{world.quarter_id}/report"
    mine = await client.get(path)
    full = await world.admin.client.get(path)
    if mine.status_code != 200 or full.status_code != 200:
        return [f"report answers {mine.status_code} (to the admin: {full.status_code})"]

    def figures(report: dict[str, Any]) -> dict[str, int]:
        return {
            "objectives": report["objectives"],
            "objectives_per_owner": sum(o["count"] for o in report["objectives_per_owner"]),
            "bottom_up.total": report["bottom_up"]["total"],
            "alignment_coverage.eligible": report["alignment_coverage"]["eligible"],
        }

    everything = figures(full.json())
    hidden_drafts = 0 if viewer in SEES_DRAFTS else 3
    expected = {name: count - hidden_drafts for name, count in everything.items()}
    got = figures(mine.json())
    problems = []
    if everything["objectives"] != 4:
        problems.append(f"the admin's report counts {everything['objectives']} objectives, not 4")
    if got != expected:
        problems.append(f"report figures {got}, expected {expected}")
    return problems


# -- the tests ----------------------------------------------------------------------------------


def get_routes(app: FastAPI) -> set[str]:
    """Every GET route the app serves (the OpenAPI and docs pages aside)."""
    return {
        route.path
        for route in api_routes(app.routes)
        if isinstance(route, APIRoute) and "GET" in (route.methods or ())
    }


def test_the_matrix_classifies_every_get_route(app: FastAPI) -> None:
    served = get_routes(app)

    assert served == set(ACCESS), {
        "not in the matrix": served - set(ACCESS),
        "not served": set(ACCESS) - served,
    }


async def test_every_route_is_probed_and_hidden_ids_are_tried_where_a_route_takes_one(
    app: FastAPI, admin: Actor, make_actor: MakeActor
) -> None:
    world = await build_world(app, admin, make_actor)

    probes = probes_of(world)

    assert set(probes) == set(ACCESS)
    for path, route_probes in probes.items():
        params = {p.strip("{}") for p in path.split("/") if p.startswith("{")}
        assert route_probes, path
        if params & HIDDEN_ID_PARAMS:
            assert any(p.hidden for p in route_probes), f"{path} is never tried with a hidden id"
        for probe in route_probes:
            assert set(probe.params) == params, (path, probe)


def _viewer_client(app: FastAPI, world: World, viewer: str) -> httpx.AsyncClient:
    people = {
        "admin": world.admin,
        "owner": world.owner,
        "manager": world.manager,
        "unrelated": world.unrelated,
        "deactivated": world.deactivated,
    }
    if viewer in people:
        return people[viewer].client
    return with_key(app, world.keys[viewer.removesuffix(" key")].secret)


@pytest.mark.parametrize("viewer", VIEWERS)
async def test_every_get_route_as(
    app: FastAPI, admin: Actor, make_actor: MakeActor, viewer: str
) -> None:
    world = await build_world(app, admin, make_actor)
    client = _viewer_client(app, world, viewer)
    failures: list[str] = []
    cells = 0

    try:
        for path, route_probes in probes_of(world).items():
            for probe in route_probes:
                cells += 1
                for problem in await judge(world, client, viewer, path, probe):
                    failures.append(f"GET {probe.label(path)} as {viewer}: {problem}")
        failures += [
            f"GET /v1/cycles/{{quarter}}/report as {viewer}: {problem}"
            for problem in await report_problems(world, client, viewer)
        ]
    finally:
        if viewer.endswith(" key"):
            await client.aclose()

    assert cells >= 100
    assert not failures, f"{len(failures)} failing cells:\n" + "\n".join(failures)
