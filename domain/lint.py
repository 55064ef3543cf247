"""OKR lint (okr-domain §10): the guides' rules for good OKR text, as warnings that never block.

``lint_objective`` returns ``Finding``s, each with a stable ``code``, a message in the language of
the text it is about (Chinese when most of its letters are Han characters, else English), the
``field`` concerned (``title``, ``key_results``, ``alignment`` or ``key_results[<id>].<field>``)
and the section of okr-domain.md the rule comes from. The rules:

``lint.key_result_activity``
    The KR's title names an activity (参加 拜访 学习 完成 跟随 组织 召开 培训 走访 开展 … /
    attend, visit, do, hold, organise, learn, complete, participate …) and states no measured
    result. A text states a measured result when (a) it holds a percentage or an amount of money,
    (b) a clause without an activity verb holds a count of something (a number with a unit that is
    neither effort nor a period: "30 new customers", "12家"), or (c) a clause with a comparative
    (increase, reduce, reach, from … to; 提升, 降低, 达到, 突破 …) holds a number that does not
    count effort. A duration (hours, minutes; 小时, 分钟) counts effort unless its clause
    lowers it (reduce, within, at most; 缩短, 降低, 以内 …). Dates ("March 31", 3月底, 2024年),
    ordinals (第一) and "Q3" are not numbers. Clauses are split at punctuation and at "and",
    "then", 并且, 同时, 从而, 进而, 以便, 使得.
``lint.key_result_effort_unit``
    A numeric KR whose unit counts effort (hours, minutes, visits, meetings, calls, sessions,
    trainings, times; 小时, 分钟, 课时, 次, 场, 趟, 拜访, 会议, 电话, 培训 …); without a unit, when
    its title counts effort and states no measured result. Decreasing KRs are exempt (fewer hours
    is a result).
``lint.all_milestones``
    Every KR is a milestone: nothing measures how far the objective got.
``lint.no_sub_periods``
    Every KR is due on the cycle's last day (quarterly and annual cycles; a month is itself the
    sub-period of its quarter).
``lint.objective_with_number`` / ``lint.objective_without_number``
    By ``objective_numbers``: ``"forbid"`` flags an objective title holding a number (dates,
    ordinals and periods such as "in 3 months" do not count), ``"require"`` one holding none,
    ``"any"`` (the default) neither: the guides disagree (okr-domain §1).
``lint.few_key_results`` / ``lint.too_many_key_results``
    Fewer KRs than the policy's recommended minimum, more than its maximum.
``lint.uneven_weights``
    With 2 KRs or more, the largest weight is more than 4 times the smallest, or one KR carries
    more than 70% of the total.
``lint.not_ambitious``
    A KR's target is at or below what the same ``metric_key`` reached in the owner's previous
    cycle (at or above, for a decreasing KR).
``lint.not_aligned``
    The objective is aligned to nothing above it (the caller says so; company objectives have
    nothing above them and are not asked).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from domain.model import Cycle, CycleKind, KeyResult, KeyResultKind
from domain.policy import Policy

ObjectiveNumbers = Literal["require", "forbid", "any"]

_DEFAULT_POLICY = Policy()
_MAX_WEIGHT_RATIO = Decimal("4")
_MAX_WEIGHT_SHARE = Decimal("0.70")


@dataclass(frozen=True, slots=True)
class Finding:
    """One lint warning: stable code, message in the text's language, field, rule's source."""

    code: str
    message: str
    field: str
    source: str


@dataclass(frozen=True, slots=True)
class LintKeyResult:
    """What the lint reads of a key result (its text, unit and metric key included)."""

    id: str
    title: str
    kind: KeyResultKind
    weight: Decimal
    unit: str | None = None
    start_value: Decimal | None = None
    target_value: Decimal | None = None
    due_on: date | None = None
    metric_key: str | None = None

    @classmethod
    def of(
        cls, kr: KeyResult, *, unit: str | None = None, metric_key: str | None = None
    ) -> LintKeyResult:
        """From a domain key result, with the unit and metric key it does not carry."""
        return cls(
            kr.id,
            kr.title,
            kr.kind,
            kr.weight,
            unit,
            kr.start_value,
            kr.target_value,
            kr.due_on,
            metric_key,
        )


# --- language --------------------------------------------------------------------------------


def _is_han(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
    )


def text_language(text: str) -> Literal["zh", "en"]:
    """``zh`` when at least half of the text's letters are Han characters, else ``en``."""
    han = other = 0
    for char in text:
        if _is_han(char):
            han += 1
        elif char.isalpha():
            other += 1
    return "zh" if han and han >= other else "en"


# --- reading the text ------------------------------------------------------------------------

_ACTIVITY_ZH = tuple(
    "参加 参与 拜访 学习 完成 跟随 组织 召开 培训 走访 开展 举办 举行 出席 进行 观摩 陪同".split()
)
_ACTIVITY_EN = re.compile(
    r"\b(?:attend(?:s|ed|ing)?|visit(?:s|ed|ing)?|do|does|did|doing|hold(?:s|ing)?|held"
    r"|organi[sz](?:e|es|ed|ing)|learn(?:s|ed|t|ing)?|complet(?:e|es|ed|ing)"
    r"|participat(?:e|es|ed|ing)|join(?:s|ed|ing)?|conduct(?:s|ed|ing)?|host(?:s|ed|ing)?"
    r"|arrang(?:e|es|ed|ing)|follow(?:s|ed|ing)?|study|studies|studied|studying"
    r"|train(?:s|ed|ing)?|meet(?:s|ing)?|met|call(?:s|ed|ing)?|take part|takes part"
    r"|took part|taking part|carry out|carries out|carried out|carrying out|run(?:s|ning)?"
    r"|ran|read(?:s|ing)?|shadow(?:s|ed|ing)?|spend(?:s|ing)?|spent)\b"
)
_COMPARATIVE_ZH = tuple(
    "提升 提高 增长 增加 降低 减少 下降 缩短 压缩 达到 达成 突破 超过 翻倍 翻番 "
    "控制在 不低于 不高于 不超过 低于 高于 实现".split()
)
_FROM_TO_ZH = re.compile(r"从.+?(?:到|至)")
_COMPARATIVE_EN = re.compile(
    r"\b(?:increas(?:e|es|ed|ing)|grow(?:s|n|ing)?|grew|rais(?:e|es|ed|ing)"
    r"|improv(?:e|es|ed|ing)|reduc(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|cut(?:s|ting)?"
    r"|lower(?:s|ed|ing)?|boost(?:s|ed|ing)?|doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing)"
    r"|halv(?:e|es|ed|ing)|reach(?:es|ed|ing)?|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?"
    r"|achiev(?:e|es|ed|ing)|hit(?:s|ting)?|lift(?:s|ed|ing)?|shorten(?:s|ed|ing)?"
    r"|from \S+ to)\b"
)
_DECREASE_ZH = ("缩短", "降低", "减少", "下降", "压缩", "控制在", "以内", "之内", "不超过", "低于")
_DECREASE_EN = re.compile(
    r"\b(?:reduc\w*|cut\w*|shorten\w*|lower\w*|decreas\w*|under|below|within|less than"
    r"|at most|no more than)\b"
)
_CLAUSES = re.compile(
    r"[;!?\n、。]|,(?!\d)|\.(?!\d)|:(?!\d)|\band\b|\bthen\b|并且|同时|从而|进而|以便|使得"
)

_DATES = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*[日号]?)?|\d{4}\s*年"
    r"|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?(?:底|初|中|末|前|份)?"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|第\s*[\d一二两三四五六七八九十]+|\b\d{1,2}:\d{2}\b|\bfy\s*\d{2,4}\b"
    r"|\b(?:in|by|until|before|during|of|since)\s+(?:19|20)\d{2}\b"
)
_CN_DIGITS = "一二两三四五六七八九十"
_CN_MAGNITUDES = "百千万"
_CN_UNITS = (
    "个|次|场|家|位|名|项|份|笔|单|台|件|条|篇|本|门|节|轮|趟|回|遍|天|日|周|星期|月|季度|年"
    "|小时|分钟|课时|学时|倍|成|万|千|百|亿|元"
)
_NUMBER = re.compile(
    r"(?<![a-z0-9_])[$€£¥]?\d+(?:[.,]\d+)*"
    rf"|(?<!第)[{_CN_DIGITS}][{_CN_DIGITS}{_CN_MAGNITUDES}]*(?=(?:{_CN_UNITS}))"
)

_EN_STOP = frozenset(
    "a an the of per in on by to for from with at this that each every and or our my than "
    "least most over within".split()
)
_EN_PERIOD = frozenset(
    "day days week weeks month months quarter quarters year years weekday weekdays".split()
)
_EN_EFFORT_TIME = frozenset("hour hours hr hrs h minute minutes min mins".split())
_EN_EFFORT = frozenset(
    "visit visits meeting meetings call calls session sessions training trainings course "
    "courses class classes lesson lessons workshop workshops webinar webinars trip trips "
    "times event events conference conferences seminar seminars".split()
)
_EN_WEB = frozenset("web website site page app online store".split())
_EN_MONEY = re.compile(r"^(?:k|m|mn|b|bn)?\s*(?:usd|eur|rmb|cny|yuan|dollars?|euros?|元)\b")
_EN_MAGNITUDE = re.compile(r"^(?:k|m|mn|b|bn)\b")

_ZH_EFFORT_TIME = re.compile(r"^个?(?:小时|钟头|分钟|课时|学时|工时|人天|人日|人时)")
_ZH_EFFORT = re.compile(
    r"^(?:次|场|趟|回|遍|轮|节)|^[个通]?(?:电话|会议|拜访|培训|课程|讲座|活动|例会)"
)
_ZH_PERIOD = re.compile(r"^个?(?:天|日|周|星期|月|季度|年|工作日)")
_ZH_MONEY = re.compile(r"^[万千百亿]*(?:元|块|美元|人民币)")
_ZH_PERCENT = re.compile(r"^(?:%|‰|成)")

_PERCENT = "percent"
_MONEY = "money"
_COUNT = "count"
_EFFORT = "effort"
_PERIOD = "period"
_BARE = "bare"


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _classify(text: str, start: int, end: int, clause: str) -> str:
    """The kind of quantity the number at ``text[start:end]`` is, from what follows it."""
    if text[start] in "$€£¥":
        return _MONEY
    tail = text[end:].lstrip(" +")
    tail = tail.removeprefix("多").removeprefix("余")
    if tail.startswith(("%", "‰")) or re.match(r"(?:percent|pct|pp)\b", tail):
        return _PERCENT
    if tail and _is_han(tail[0]):
        return _classify_zh(tail, clause)
    return _classify_en(tail, clause)


def _classify_zh(tail: str, clause: str) -> str:
    if _ZH_PERCENT.match(tail):
        return _PERCENT
    if _ZH_MONEY.match(tail):
        return _MONEY
    tail = tail.lstrip("万千百亿")
    if _ZH_EFFORT_TIME.match(tail):
        return _COUNT if any(word in clause for word in _DECREASE_ZH) else _EFFORT
    if _ZH_EFFORT.match(tail):
        return _EFFORT
    if _ZH_PERIOD.match(tail):
        return _PERIOD
    return _COUNT if tail and _is_han(tail[0]) else _BARE


def _classify_en(tail: str, clause: str) -> str:
    if _EN_MONEY.match(tail):
        return _MONEY
    magnitude = _EN_MAGNITUDE.match(tail)
    if magnitude:
        tail = tail[magnitude.end() :]
    words: list[str] = []
    for match in re.finditer(r"[a-z][a-z'-]*|[^a-z\s]", tail):
        word = match.group()
        if not word[0].isalpha() or word in _EN_STOP:
            break
        words.append(word)
        if len(words) == 3:
            break
    if not words:
        return _BARE
    if words[0] in _EN_PERIOD:
        return _PERIOD
    if any(w in _EN_EFFORT_TIME for w in words):
        return _COUNT if _DECREASE_EN.search(clause) else _EFFORT
    if any(w in _EN_EFFORT for w in words) and not any(w in _EN_WEB for w in words):
        return _EFFORT
    return _COUNT


@dataclass(frozen=True, slots=True)
class _Clause:
    activity: bool
    comparative: bool
    quantities: tuple[str, ...]


def _clauses(text: str) -> list[_Clause]:
    plain = _normalise(text)
    out: list[_Clause] = []
    for raw in _CLAUSES.split(plain):
        clause = _DATES.sub(" ", raw)
        quantities = tuple(
            _classify(clause, m.start(), m.end(), clause) for m in _NUMBER.finditer(clause)
        )
        activity = bool(_ACTIVITY_EN.search(clause)) or any(v in clause for v in _ACTIVITY_ZH)
        comparative = (
            bool(_COMPARATIVE_EN.search(clause))
            or any(w in clause for w in _COMPARATIVE_ZH)
            or bool(_FROM_TO_ZH.search(clause))
        )
        out.append(_Clause(activity, comparative, quantities))
    return out


def names_activity(text: str) -> bool:
    """Whether the text names an activity verb (okr-domain §10)."""
    return any(c.activity for c in _clauses(text))


def states_measured_result(text: str) -> bool:
    """Whether the text states a measured result (see the module docstring, rule (a)-(c))."""
    for clause in _clauses(text):
        kinds = clause.quantities
        if _PERCENT in kinds or _MONEY in kinds:
            return True
        if _COUNT in kinds and not clause.activity:
            return True
        if clause.comparative and any(kind != _EFFORT for kind in kinds):
            return True
    return False


def counts_effort(text: str) -> bool:
    """Whether the text holds a quantity that counts effort (hours, visits, 次, 小时 …)."""
    return any(_EFFORT in c.quantities for c in _clauses(text))


def has_number(text: str) -> bool:
    """Whether the text holds a number; dates, ordinals and periods ("in 3 months", 三个月内)
    are time frames and do not count."""
    return any(kind != _PERIOD for c in _clauses(text) for kind in c.quantities)


def unit_counts_effort(unit: str) -> bool:
    """Whether a KR's unit counts effort rather than results."""
    plain = _normalise(unit).strip()
    if not plain:
        return False
    if _ZH_EFFORT_TIME.match(plain) or _ZH_EFFORT.match(plain):
        return True
    words = re.findall(r"[a-z]+", plain)
    if any(w in _EN_WEB for w in words):
        return False
    return any(w in _EN_EFFORT_TIME or w in _EN_EFFORT for w in words)


# --- messages --------------------------------------------------------------------------------

_SOURCES = {
    "lint.key_result_activity": "okr-domain.md §10",
    "lint.key_result_effort_unit": "okr-domain.md §10",
    "lint.all_milestones": "okr-domain.md §1",
    "lint.no_sub_periods": "okr-domain.md §10",
    "lint.objective_with_number": "okr-domain.md §1",
    "lint.objective_without_number": "okr-domain.md §1",
    "lint.few_key_results": "okr-domain.md §2",
    "lint.too_many_key_results": "okr-domain.md §2",
    "lint.uneven_weights": "okr-domain.md §2",
    "lint.not_ambitious": "okr-domain.md §10",
    "lint.not_aligned": "okr-domain.md §10",
}

_MESSAGES: dict[str, tuple[str, str]] = {
    "lint.key_result_activity": (
        "关键结果描述的是要做的事，而不是要达成的可衡量结果（KRs是产出导向，而不是做事导向）",
        "the key result describes an activity, not a measured result it achieves "
        "(a KR is an outcome, not an activity)",
    ),
    "lint.key_result_effort_unit": (
        "关键结果的单位（{unit}）计量的是投入的工作量，而不是产出的结果",
        "the key result's unit ({unit}) counts effort put in, not results achieved",
    ),
    "lint.all_milestones": (
        "所有关键结果都是里程碑，没有一个可量化的衡量指标",
        "every key result is a milestone: none measures how far the objective got",
    ),
    "lint.no_sub_periods": (
        "所有关键结果的截止日期都是周期的最后一天（{end}），没有细分的时间节点",
        "every key result is due on the cycle's last day ({end}): no sub-periods",
    ),
    "lint.objective_with_number": (
        "按照组织的政策，目标应当是定性的，不含数字",
        "the organisation's policy wants objectives qualitative, without numbers",
    ),
    "lint.objective_without_number": (
        "按照组织的政策，目标应当是可量化的，含有数字",
        "the organisation's policy wants objectives quantified, with a number",
    ),
    "lint.few_key_results": (
        "目标只有{count}个关键结果，建议至少{minimum}个",
        "the objective has {count} key result(s), at least {minimum} are recommended",
    ),
    "lint.too_many_key_results": (
        "目标有{count}个关键结果，最多{maximum}个",
        "the objective has {count} key results, at most {maximum} are allowed",
    ),
    "lint.uneven_weights": (
        "关键结果的权重很不均衡（最大{largest}，最小{smallest}，最大占比{share}%）",
        "the key result weights are very uneven (largest {largest}, smallest {smallest}, "
        "largest share {share}%)",
    ),
    "lint.not_ambitious": (
        "目标值{target}不优于上一周期{metric}已达到的{previous}，不够有挑战性",
        "the target {target} is no better than the {previous} that {metric} reached in the "
        "owner's previous cycle: not ambitious",
    ),
    "lint.not_aligned": (
        "目标没有对齐到任何上级目标",
        "the objective is aligned to nothing above it",
    ),
}


def _finding(code: str, field: str, text: str, **values: object) -> Finding:
    chinese, english = _MESSAGES[code]
    template = chinese if text_language(text) == "zh" else english
    return Finding(code, template.format(**values), field, _SOURCES[code])


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


# --- the rules -------------------------------------------------------------------------------


def lint_objective(
    *,
    title: str,
    description: str = "",
    key_results: Sequence[LintKeyResult],
    cycle: Cycle | None = None,
    policy: Policy = _DEFAULT_POLICY,
    objective_numbers: ObjectiveNumbers = "any",
    previous_values: Mapping[str, Decimal] | None = None,
    aligned_upward: bool | None = None,
) -> list[Finding]:
    """Every lint finding of one objective and its key results (never raises on bad OKRs).

    ``previous_values`` maps a ``metric_key`` to what it reached in the owner's previous cycle;
    ``aligned_upward`` is ``False`` when the objective is aligned to nothing above it (``None``:
    not asked, e.g. a company objective). ``cycle`` enables the sub-period rule.
    """
    if objective_numbers not in ("require", "forbid", "any"):
        raise ValueError(f"objective_numbers must be require, forbid or any: {objective_numbers!r}")
    objective_text = f"{title} {description}".strip()
    found: list[Finding] = []

    if objective_numbers == "forbid" and has_number(title):
        found.append(_finding("lint.objective_with_number", "title", objective_text))
    if objective_numbers == "require" and not has_number(title):
        found.append(_finding("lint.objective_without_number", "title", objective_text))

    count = len(key_results)
    if count < policy.recommended_min_key_results:
        found.append(
            _finding(
                "lint.few_key_results",
                "key_results",
                objective_text,
                count=count,
                minimum=policy.recommended_min_key_results,
            )
        )
    if count > policy.max_key_results_per_objective:
        found.append(
            _finding(
                "lint.too_many_key_results",
                "key_results",
                objective_text,
                count=count,
                maximum=policy.max_key_results_per_objective,
            )
        )
    if key_results and all(kr.kind is KeyResultKind.MILESTONE for kr in key_results):
        found.append(_finding("lint.all_milestones", "key_results", objective_text))
    uneven = _uneven_weights(key_results)
    if uneven is not None:
        found.append(_finding("lint.uneven_weights", "key_results", objective_text, **uneven))
    if (
        cycle is not None
        and cycle.kind is not CycleKind.MONTHLY
        and key_results
        and all(kr.due_on == cycle.ends_on for kr in key_results)
    ):
        found.append(
            _finding(
                "lint.no_sub_periods",
                "key_results",
                objective_text,
                end=cycle.ends_on.isoformat(),
            )
        )
    if aligned_upward is False:
        found.append(_finding("lint.not_aligned", "alignment", objective_text))

    previous = previous_values or {}
    for kr in key_results:
        found.extend(_lint_key_result(kr, previous))
    return found


def _uneven_weights(key_results: Sequence[LintKeyResult]) -> dict[str, str] | None:
    weights = [kr.weight for kr in key_results if kr.weight > 0]
    if len(weights) < 2:
        return None
    largest, smallest, total = max(weights), min(weights), sum(weights, Decimal(0))
    share = largest / total
    if largest / smallest <= _MAX_WEIGHT_RATIO and share <= _MAX_WEIGHT_SHARE:
        return None
    percent = (share * 100).quantize(Decimal("1"))
    return {"largest": _plain(largest), "smallest": _plain(smallest), "share": _plain(percent)}


def _lint_key_result(kr: LintKeyResult, previous: Mapping[str, Decimal]) -> list[Finding]:
    found: list[Finding] = []
    prefix = f"key_results[{kr.id}]"
    activity = names_activity(kr.title)
    measured = states_measured_result(kr.title)
    if activity and not measured:
        found.append(_finding("lint.key_result_activity", f"{prefix}.title", kr.title))
    decreasing = (
        kr.start_value is not None
        and kr.target_value is not None
        and kr.target_value < kr.start_value
    )
    if kr.kind is KeyResultKind.NUMERIC and not decreasing:
        unit = (kr.unit or "").strip()
        if unit and unit_counts_effort(unit):
            found.append(
                _finding("lint.key_result_effort_unit", f"{prefix}.unit", kr.title, unit=unit)
            )
        elif not unit and counts_effort(kr.title) and not measured:
            found.append(
                _finding(
                    "lint.key_result_effort_unit",
                    f"{prefix}.title",
                    kr.title,
                    unit=_effort_words(kr.title),
                )
            )
    if (
        kr.kind is KeyResultKind.NUMERIC
        and kr.metric_key is not None
        and kr.metric_key in previous
        and kr.target_value is not None
    ):
        reached = previous[kr.metric_key]
        if (kr.target_value >= reached) if decreasing else (kr.target_value <= reached):
            found.append(
                _finding(
                    "lint.not_ambitious",
                    f"{prefix}.target_value",
                    kr.title,
                    target=_plain(kr.target_value),
                    previous=_plain(reached),
                    metric=kr.metric_key,
                )
            )
    return found


def _effort_words(text: str) -> str:
    """The effort unit named in a title, for the message (``小时``, ``hours``)."""
    plain = _normalise(text)
    for match in _NUMBER.finditer(plain):
        tail = plain[match.end() :].lstrip(" +")
        zh = _ZH_EFFORT_TIME.match(tail) or _ZH_EFFORT.match(tail)
        if zh:
            return zh.group().lstrip("个通")
        words: list[str] = re.findall(r"[a-z]+", tail)
        for word in words[:3]:
            if word in _EN_EFFORT_TIME or word in _EN_EFFORT:
                return word
    return "?"
