"""Unit tests of the OKR lint (okr-domain §10), with Chinese and English examples."""

from datetime import date
from decimal import Decimal

import pytest

from domain.lint import (
    Finding,
    LintKeyResult,
    ObjectiveNumbers,
    has_number,
    lint_objective,
    names_activity,
    states_measured_result,
    text_language,
    unit_counts_effort,
)
from domain.model import Cycle, CycleKind, KeyResult, KeyResultKind
from domain.policy import Policy

QUARTER = Cycle("q", CycleKind.QUARTERLY, date(2024, 1, 1), date(2024, 3, 31))
MONTH = Cycle("m", CycleKind.MONTHLY, date(2024, 1, 1), date(2024, 1, 31))
GUIDE_SAMPLE = "一周至少用2个小时的时间,跟随并学习团队销售之星"

SECTION_3_KRS = (
    "sign 30 new customers this quarter",
    "spend 500k on ads, expect 8 new customers",
    "200 customer visits, expect 12 signings",
    "trade fairs, expect 10 new customers",
    "本季度签约30家新客户",
    "投入50万元广告费，预计新增8家客户",
    "拜访客户200次，预计签约12家",
    "参加3场展会，预计新增10家客户",
)
RESULT_KRS = (
    "完成销售额500万元",
    "客户满意度从80%提升到90%",
    "Increase NPS from 30 to 45",
    "Reduce average response time to 2 hours",
    "Grow website visits to 50,000 per month",
    "订单完成率达到98%",
)
ACTIVITY_KRS = (
    GUIDE_SAMPLE,
    "参加公司组织的培训",
    "组织4次客户交流会",
    "每月召开2次部门例会",
    "走访10家经销商",
    "Attend 4 industry conferences",
    "Visit 50 customers every month",
    "Hold weekly meetings with the sales team",
    "Spend 10 hours a week on training",
    "Learn Python",
)


def kr(
    title: str,
    *,
    id: str = "k1",
    kind: KeyResultKind = KeyResultKind.NUMERIC,
    weight: str = "50",
    unit: str | None = None,
    start: str | None = "0",
    target: str | None = "10",
    due_on: date | None = date(2024, 2, 29),
    metric_key: str | None = None,
) -> LintKeyResult:
    return LintKeyResult(
        id=id,
        title=title,
        kind=kind,
        weight=Decimal(weight),
        unit=unit,
        start_value=None if start is None else Decimal(start),
        target_value=None if target is None else Decimal(target),
        due_on=due_on,
        metric_key=metric_key,
    )


def pair(first: LintKeyResult, title: str = "sign 12 new customers") -> list[LintKeyResult]:
    return [first, kr(title, id="k2", due_on=date(2024, 3, 31))]


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def only(findings: list[Finding], code: str) -> Finding:
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, findings
    return matching[0]


def test_the_guides_sample_kr_is_flagged_as_an_activity_counting_hours() -> None:
    findings = lint_objective(
        title="成为团队的销售之星",
        key_results=pair(kr(GUIDE_SAMPLE, unit="小时", target="24"), "本季度签约12家新客户"),
    )

    activity = only(findings, "lint.key_result_activity")
    effort = only(findings, "lint.key_result_effort_unit")
    assert activity.field == "key_results[k1].title"
    assert activity.source == "okr-domain.md §10"
    assert "做事" in activity.message
    assert effort.field == "key_results[k1].unit"
    assert "小时" in effort.message


def test_the_guides_sample_kr_without_a_unit_is_flagged_from_its_title() -> None:
    findings = lint_objective(
        title="成为团队的销售之星", key_results=pair(kr(GUIDE_SAMPLE), "本季度签约12家新客户")
    )

    effort = only(findings, "lint.key_result_effort_unit")
    assert effort.field == "key_results[k1].title"
    assert "小时" in effort.message
    assert "lint.key_result_activity" in codes(findings)


@pytest.mark.parametrize("title", SECTION_3_KRS)
def test_the_section_3_example_krs_are_not_activities(title: str) -> None:
    findings = lint_objective(title="Win new customers", key_results=pair(kr(title)))

    assert "lint.key_result_activity" not in codes(findings)
    assert "lint.key_result_effort_unit" not in codes(findings)


@pytest.mark.parametrize("title", RESULT_KRS)
def test_results_phrased_with_activity_words_or_comparatives_are_not_activities(
    title: str,
) -> None:
    assert states_measured_result(title)
    assert "lint.key_result_activity" not in codes(
        lint_objective(title="Grow", key_results=pair(kr(title)))
    )


@pytest.mark.parametrize("title", ACTIVITY_KRS)
def test_activities_without_a_measured_result_are_flagged(title: str) -> None:
    findings = lint_objective(title="Grow", key_results=pair(kr(title)))

    assert names_activity(title)
    assert not states_measured_result(title)
    assert only(findings, "lint.key_result_activity").field == "key_results[k1].title"


def test_activity_messages_follow_the_language_of_the_kr() -> None:
    chinese = only(
        lint_objective(title="Grow", key_results=pair(kr("参加公司组织的培训"))),
        "lint.key_result_activity",
    )
    english = only(
        lint_objective(title="增长", key_results=pair(kr("Attend 4 industry conferences"))),
        "lint.key_result_activity",
    )

    assert text_language(chinese.message) == "zh"
    assert text_language(english.message) == "en"
    assert "activity" in english.message


@pytest.mark.parametrize(
    ("unit", "effort"),
    [
        ("hours", True),
        ("h", True),
        ("小时", True),
        ("次拜访", True),
        ("次会议", True),
        ("visits", True),
        ("calls", True),
        ("website visits", False),
        ("customers", False),
        ("家", False),
        ("万元", False),
        ("%", False),
        ("signings", False),
    ],
)
def test_units_that_count_effort(unit: str, effort: bool) -> None:
    assert unit_counts_effort(unit) is effort


def test_a_numeric_kr_counting_hours_is_flagged_in_english() -> None:
    findings = lint_objective(
        title="Grow the team's skills",
        key_results=pair(kr("Coaching for the sales team", unit="hours", target="40")),
    )

    effort = only(findings, "lint.key_result_effort_unit")
    assert effort.field == "key_results[k1].unit"
    assert effort.message.startswith("the key result's unit (hours) counts effort")


def test_fewer_hours_milestones_and_result_units_are_not_effort() -> None:
    faster = kr("Reduce average response time to 2 hours", unit="hours", start="8", target="2")
    milestone = kr("Hold the kick-off", kind=KeyResultKind.MILESTONE, unit="hours")
    results = kr("拜访客户200次，预计签约12家", unit="家", target="12")

    for item in (faster, milestone, results):
        findings = lint_objective(title="Grow", key_results=pair(item))
        assert "lint.key_result_effort_unit" not in codes(findings), item


def test_all_milestones_are_flagged() -> None:
    milestones = [
        kr("上线新版系统", kind=KeyResultKind.MILESTONE, start=None, target=None),
        kr("签下首个标杆客户", id="k2", kind=KeyResultKind.MILESTONE, start=None, target=None),
    ]

    findings = lint_objective(title="打造标杆产品", key_results=milestones)
    mixed = lint_objective(title="打造标杆产品", key_results=[milestones[0], kr("签约30家客户")])

    finding = only(findings, "lint.all_milestones")
    assert finding.field == "key_results"
    assert finding.source == "okr-domain.md §1"
    assert "里程碑" in finding.message
    assert "lint.all_milestones" not in codes(mixed)


def test_all_kr_due_dates_on_the_cycle_end_mean_no_sub_periods() -> None:
    at_end = [
        kr("sign 30 new customers", due_on=QUARTER.ends_on),
        kr("reach 90% retention", id="k2", due_on=QUARTER.ends_on),
    ]
    staggered = [at_end[0], kr("reach 90% retention", id="k2", due_on=date(2024, 2, 29))]

    finding = only(
        lint_objective(title="Grow", key_results=at_end, cycle=QUARTER), "lint.no_sub_periods"
    )
    assert "2024-03-31" in finding.message
    assert "lint.no_sub_periods" not in codes(
        lint_objective(title="Grow", key_results=staggered, cycle=QUARTER)
    )
    monthly = [kr("sign 3 new customers", due_on=MONTH.ends_on)]
    assert "lint.no_sub_periods" not in codes(
        lint_objective(title="Grow", key_results=monthly, cycle=MONTH)
    )
    assert "lint.no_sub_periods" not in codes(lint_objective(title="Grow", key_results=at_end))


def test_numbers_in_objectives_follow_the_policy_choice() -> None:
    krs = pair(kr("sign 30 new customers"))

    def lint(title: str, choice: ObjectiveNumbers) -> list[str]:
        return codes(lint_objective(title=title, key_results=krs, objective_numbers=choice))

    assert "lint.objective_with_number" in lint("Sign 30 new customers this quarter", "forbid")
    assert "lint.objective_with_number" in lint("本季度新签30家客户", "forbid")
    assert "lint.objective_with_number" not in lint("成为客户首选的合作伙伴", "forbid")
    assert "lint.objective_without_number" in lint("Delight our customers", "require")
    assert "lint.objective_without_number" in lint("成为客户首选的合作伙伴", "require")
    assert "lint.objective_without_number" not in lint("客户满意度达到90%", "require")
    assert not {"lint.objective_with_number", "lint.objective_without_number"} & set(
        lint("Sign 30 new customers", "any")
    )
    assert codes(lint_objective(title="Sign 30", key_results=krs)) == []  # "any" by default
    with pytest.raises(ValueError):
        lint("Grow", "sometimes")  # type: ignore[arg-type]


def test_dates_ordinals_and_periods_are_not_numbers_in_an_objective() -> None:
    assert not has_number("Launch in 2025")
    assert not has_number("2024年成为华东区第一")
    assert not has_number("三个月内打造标杆客户")
    assert not has_number("Make Q3 our best quarter")
    assert has_number("Grow revenue 20%")
    assert has_number("服务十家标杆客户")


def test_objective_messages_follow_the_language_of_the_objective() -> None:
    chinese = lint_objective(
        title="成为客户首选的合作伙伴", key_results=[], objective_numbers="require"
    )
    english = lint_objective(
        title="Delight our customers", key_results=[], objective_numbers="require"
    )

    assert only(chinese, "lint.objective_without_number").message.startswith("按照组织的政策")
    assert only(english, "lint.objective_without_number").message.startswith("the organisation")


def test_kr_counts_against_the_policy() -> None:
    one = [kr("sign 30 new customers")]
    five = [kr(f"sign {n} new customers", id=f"k{n}", weight="20") for n in range(5)]
    two = pair(kr("sign 30 new customers"))

    few = only(lint_objective(title="Grow", key_results=one), "lint.few_key_results")
    many = only(lint_objective(title="Grow", key_results=five), "lint.too_many_key_results")
    assert few.source == many.source == "okr-domain.md §2"
    assert "1 key result" in few.message and "at least 2" in few.message
    assert "at most 4" in many.message
    assert not {"lint.few_key_results", "lint.too_many_key_results"} & set(
        codes(lint_objective(title="Grow", key_results=two))
    )
    relaxed = Policy().changed(max_key_results_per_objective=5)
    assert "lint.too_many_key_results" not in codes(
        lint_objective(title="Grow", key_results=five, policy=relaxed)
    )
    chinese = only(lint_objective(title="增长", key_results=one), "lint.few_key_results")
    assert chinese.message == "目标只有1个关键结果，建议至少2个"


@pytest.mark.parametrize(
    ("weights", "uneven"),
    [
        (("80", "20"), True),  # one KR above 70%
        (("50", "30", "10", "10"), True),  # largest / smallest = 5
        (("70", "30"), False),
        (("40", "30", "30"), False),
        (("40", "40", "10", "10"), False),  # ratio exactly 4
        (("100",), False),
    ],
)
def test_very_uneven_weights(weights: tuple[str, ...], uneven: bool) -> None:
    krs = [kr(f"sign {n} new customers", id=f"k{n}", weight=w) for n, w in enumerate(weights)]

    findings = lint_objective(title="Grow", key_results=krs)

    assert ("lint.uneven_weights" in codes(findings)) is uneven


def test_uneven_weights_name_the_figures() -> None:
    krs = [kr("sign 30 new customers", weight="80"), kr("sign 5 partners", id="k2", weight="20")]

    finding = only(lint_objective(title="Grow", key_results=krs), "lint.uneven_weights")

    assert finding.message == (
        "the key result weights are very uneven (largest 80, smallest 20, largest share 80%)"
    )


def test_a_target_no_better_than_last_cycle_is_not_ambitious() -> None:
    previous = {"sales.new_customers": Decimal("30"), "support.response_hours": Decimal("4")}
    same = kr("sign 30 new customers", target="30", metric_key="sales.new_customers")
    higher = kr("sign 36 new customers", target="36", metric_key="sales.new_customers")
    slower = kr(
        "把平均响应时间缩短到5小时",
        start="8",
        target="5",
        unit="小时",
        metric_key="support.response_hours",
    )
    unknown = kr("sign 10 partners", metric_key="sales.partners")

    def flagged(item: LintKeyResult) -> list[Finding]:
        found = lint_objective(title="Grow", key_results=pair(item), previous_values=previous)
        return [f for f in found if f.code == "lint.not_ambitious"]

    [finding] = flagged(same)
    assert finding.field == "key_results[k1].target_value"
    assert "30" in finding.message and "sales.new_customers" in finding.message
    assert not flagged(higher)
    [chinese] = flagged(slower)
    assert chinese.message == "目标值5不优于上一周期support.response_hours已达到的4，不够有挑战性"
    assert not flagged(unknown)


def test_an_objective_aligned_to_nothing_above_is_flagged() -> None:
    krs = pair(kr("sign 30 new customers"))

    finding = only(
        lint_objective(title="Grow", key_results=krs, aligned_upward=False), "lint.not_aligned"
    )

    assert finding.field == "alignment"
    for flag in (True, None):
        assert "lint.not_aligned" not in codes(
            lint_objective(title="Grow", key_results=krs, aligned_upward=flag)
        )


def test_a_good_okr_has_no_findings_in_either_language() -> None:
    english = [
        kr("spend 500k on ads, expect 8 new customers", weight="30", unit="customers"),
        kr("200 customer visits, expect 12 signings", id="k2", weight="40", unit="signings"),
        kr(
            "trade fairs, expect 10 new customers",
            id="k3",
            weight="30",
            unit="customers",
            due_on=QUARTER.ends_on,
        ),
    ]
    chinese = [
        kr("投入50万元广告费，预计新增8家客户", weight="30", unit="家"),
        kr("拜访客户200次，预计签约12家", id="k2", weight="40", unit="家"),
        kr(
            "参加3场展会，预计新增10家客户", id="k3", weight="30", unit="家", due_on=QUARTER.ends_on
        ),
    ]

    for title, krs in (
        ("sign 30 new customers this quarter", english),
        ("本季度签约30家新客户", chinese),
    ):
        findings = lint_objective(title=title, key_results=krs, cycle=QUARTER, aligned_upward=True)
        assert findings == [], findings


def test_text_language_is_that_of_most_letters() -> None:
    assert text_language(GUIDE_SAMPLE) == "zh"
    assert text_language("完成CRM系统上线") == "zh"
    assert text_language("Ship the 新 app") == "en"
    assert text_language("100") == "en"


def test_lint_key_result_reads_a_domain_key_result() -> None:
    domain_kr = KeyResult(
        "k9",
        "o",
        "Attend 4 industry conferences",
        KeyResultKind.NUMERIC,
        Decimal(50),
        Decimal(0),
        Decimal(4),
        due_on=date(2024, 2, 1),
    )

    item = LintKeyResult.of(domain_kr, unit="conferences", metric_key="events.attended")

    assert item.id == "k9" and item.unit == "conferences"
    assert item.metric_key == "events.attended" and item.target_value == Decimal(4)
    findings = lint_objective(title="Grow", key_results=pair(item))
    assert {"lint.key_result_activity", "lint.key_result_effort_unit"} <= set(codes(findings))
