"""Unit tests of the forecast: methods, interval, band, objective roll-up, backtest, calibration."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from domain.forecast import (
    BacktestCycle,
    BacktestKeyResult,
    Forecast,
    ForecastBand,
    ForecastMethod,
    ForecastPoint,
    ForecastReason,
    ObjectiveForecast,
    backtest,
    backtest_weeks,
    band_for,
    final_score,
    forecast_for,
    forecast_key_result,
    forecast_objective,
    points_from_checkins,
)
from domain.forecast_synthetic import BEHAVIOURS, synthetic_cycles
from domain.model import CheckIn, Cycle, CycleKind, KeyResult, KeyResultKind
from domain.policy import Policy

STARTS = date(2024, 1, 1)
ENDS = date(2024, 4, 9)  # 100 days: a day is 0.01 of the cycle
NUMERIC = KeyResultKind.NUMERIC
MILESTONE = KeyResultKind.MILESTONE


def at(days: float) -> datetime:
    return datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=days)


def numeric(
    points: list[ForecastPoint],
    *,
    start: str = "0",
    target: str = "100",
    as_of: datetime | date | None = None,
) -> Forecast:
    return forecast_key_result(
        kind=NUMERIC,
        start=Decimal(start),
        target=Decimal(target),
        points=points,
        cycle_starts_on=STARTS,
        cycle_ends_on=ENDS,
        as_of=as_of,
    )


def milestone(points: list[ForecastPoint], *, as_of: datetime | date | None = None) -> Forecast:
    return forecast_key_result(
        kind=MILESTONE,
        start=None,
        target=None,
        points=points,
        cycle_starts_on=STARTS,
        cycle_ends_on=ENDS,
        as_of=as_of,
    )


def value(days: float, amount: str, received: float | None = None) -> ForecastPoint:
    return ForecastPoint(
        at(days), Decimal(amount), received_at=None if received is None else at(received)
    )


def test_a_straight_line_is_extrapolated_to_the_cycle_end() -> None:
    points = [value(25, "15"), value(50, "30"), value(75, "45")]

    forecast = numeric(points)

    assert forecast.method is ForecastMethod.THEIL_SEN
    assert forecast.progress == Decimal("0.6")
    assert forecast.score == Decimal("0.60")
    assert forecast.points_used == 3
    assert forecast.low is not None and forecast.high is not None
    assert forecast.low < forecast.score < forecast.high
    assert forecast.band is ForecastBand.ON_TRACK
    assert forecast.reason is None


def test_one_wild_point_does_not_move_the_robust_trend() -> None:
    points = [value(d, str(d)) for d in (70, 73, 76, 79, 82, 85)] + [value(88, "500")]

    forecast = numeric(points)

    assert forecast.method is ForecastMethod.THEIL_SEN
    assert forecast.score == Decimal("1.00")  # line through (d, d): 100 at the end
    points[-1] = value(88, "-500")
    assert numeric(points).score == Decimal("1.00")


def test_the_trend_follows_the_latest_quarter_of_the_cycle() -> None:
    early = [value(d, str(d)) for d in (10, 20, 30, 40, 50)]
    plateau = [value(d, "50") for d in (60, 70, 80)]

    forecast = numeric(early + plateau)

    assert forecast.score == Decimal("0.50")
    assert forecast.points_used == 3


def test_a_decreasing_key_result_counts_down_from_its_start() -> None:
    points = [value(20, "92"), value(40, "84"), value(60, "76")]

    forecast = numeric(points, start="100", target="60")

    assert forecast.progress == Decimal("1")  # 100 - 0.4 * 100 = 60 at the end
    assert forecast.score == Decimal("1.00")
    assert forecast.high == Decimal("1.00")


def test_with_fewer_than_three_points_the_pace_since_the_start_is_extrapolated() -> None:
    forecast = numeric([value(50, "30")])

    assert forecast.method is ForecastMethod.PACE
    assert forecast.points_used == 1
    assert forecast.score == Decimal("0.60")
    assert forecast.low is not None and forecast.high is not None
    assert forecast.high - forecast.low > Decimal("0.5")


def test_pace_is_wider_early_than_late() -> None:
    early = numeric([value(5, "3"), value(10, "6")])
    late = numeric([value(80, "48"), value(90, "54")])

    assert early.score == late.score == Decimal("0.60")
    assert early.low is not None and early.high is not None
    assert late.low is not None and late.high is not None
    assert early.high - early.low > late.high - late.low


def test_a_point_at_the_very_start_gives_the_whole_range() -> None:
    forecast = numeric([value(0, "40")])

    assert forecast.method is ForecastMethod.PACE
    assert forecast.score == Decimal("0.40")
    assert (forecast.low, forecast.high) == (Decimal("0.00"), Decimal("1.00"))


def test_no_check_in_gives_no_forecast_with_a_reason() -> None:
    forecast = numeric([])

    assert forecast.method is ForecastMethod.NONE
    assert forecast.score is None and forecast.low is None and forecast.high is None
    assert forecast.reason is ForecastReason.NO_CHECK_INS
    assert forecast.band is None


def test_a_key_result_without_measurable_target_gives_no_forecast() -> None:
    same = numeric([value(10, "5")], start="5", target="5")
    missing = forecast_key_result(
        kind=NUMERIC,
        start=None,
        target=Decimal("10"),
        points=[value(10, "5")],
        cycle_starts_on=STARTS,
        cycle_ends_on=ENDS,
    )

    assert same.reason is ForecastReason.NOT_MEASURABLE
    assert missing.reason is ForecastReason.NOT_MEASURABLE


def test_overshoot_clamps_to_one() -> None:
    forecast = numeric([value(10, "50"), value(20, "100"), value(30, "150")])

    assert forecast.progress == Decimal("1")
    assert forecast.score == forecast.high == Decimal("1.00")


def test_only_points_observed_and_received_by_as_of_count() -> None:
    points = [value(25, "15"), value(50, "30", received=70), value(75, "90")]

    forecast = numeric(points, as_of=at(60))

    assert forecast.method is ForecastMethod.PACE
    assert forecast.points_used == 1
    assert forecast.score == Decimal("0.60")


def test_at_one_instant_the_latest_received_point_wins() -> None:
    points = [value(50, "10", received=50), value(50, "30", received=51)]

    forecast = numeric(points)

    assert forecast.points_used == 1
    assert forecast.score == Decimal("0.60")


def test_a_calendar_date_counts_at_the_end_of_that_day() -> None:
    forecast = numeric([ForecastPoint(date(2024, 2, 19), Decimal("25"))])  # end of day 50

    assert forecast.score == Decimal("0.50")


def test_points_from_check_ins_keep_value_done_and_reception() -> None:
    checkin = CheckIn("c1", "k", at(3), at(4), value=Decimal("7"))
    empty = CheckIn("c2", "k", at(5), at(5))

    points = points_from_checkins([checkin, empty])

    assert points == [ForecastPoint(at(3), Decimal("7"), None, at(4))]


def test_forecast_for_reads_a_domain_key_result_in_its_cycle() -> None:
    kr = KeyResult("k", "o", "t", NUMERIC, Decimal(50), Decimal(0), Decimal(100))
    cycle = Cycle("c", CycleKind.QUARTERLY, STARTS, ENDS)

    forecast = forecast_for(kr, cycle, [value(50, "30")])

    assert forecast.score == Decimal("0.60")


def test_a_done_milestone_is_forecast_done() -> None:
    forecast = milestone([ForecastPoint(at(10), done=False), ForecastPoint(at(40), done=True)])

    assert forecast.method is ForecastMethod.MILESTONE_DONE
    assert forecast.score == forecast.low == forecast.high == Decimal("1.00")
    assert forecast.band is ForecastBand.ON_TRACK


def test_an_open_milestone_gets_less_likely_as_the_cycle_runs_out() -> None:
    fresh = milestone([], as_of=STARTS - timedelta(days=1))
    halfway = milestone([ForecastPoint(at(10), done=False)], as_of=at(50))
    over = milestone([ForecastPoint(at(10), done=False)], as_of=ENDS)

    assert fresh.method is halfway.method is over.method is ForecastMethod.MILESTONE_OPEN
    assert fresh.score == Decimal("0.70")
    assert (fresh.low, fresh.high) == (Decimal("0.00"), Decimal("1.00"))
    assert halfway.score == Decimal("0.64")  # 0.7 * 0.75 / (1 - 0.7 * 0.25)
    assert over.score == over.low == over.high == Decimal("0.00")
    assert over.band is ForecastBand.OFF_TRACK


def test_a_milestone_done_then_undone_is_open() -> None:
    points = [ForecastPoint(at(10), done=True), ForecastPoint(at(20), done=False)]

    assert milestone(points).method is ForecastMethod.MILESTONE_OPEN


def test_a_derived_key_result_rolls_up_its_aligned_objectives_or_says_why_not() -> None:
    children = [
        ObjectiveForecast(
            ForecastMethod.WEIGHTED, 4, Decimal("0.5"), Decimal("0.3"), Decimal("0.7")
        ),
        ObjectiveForecast(ForecastMethod.WEIGHTED, 6, Decimal("0.8"), Decimal("0.6"), Decimal("1")),
    ]

    def derived(given: list[ObjectiveForecast] | None) -> Forecast:
        return forecast_key_result(
            kind=KeyResultKind.DERIVED,
            start=None,
            target=None,
            points=[],
            cycle_starts_on=STARTS,
            cycle_ends_on=ENDS,
            child_forecasts=given,
        )

    rolled = derived(children)
    without = derived(None)
    partial = derived([*children, ObjectiveForecast(ForecastMethod.NONE, 0)])

    assert rolled.method is ForecastMethod.DERIVED_ROLLUP
    assert (rolled.score, rolled.low, rolled.high) == (
        Decimal("0.65"),
        Decimal("0.45"),
        Decimal("0.85"),
    )
    assert rolled.points_used == 10
    assert without.reason is ForecastReason.DERIVED and without.score is None
    assert partial.reason is ForecastReason.CHILD_WITHOUT_FORECAST


def kr_forecast(score: str, low: str, high: str) -> Forecast:
    return Forecast(
        ForecastMethod.THEIL_SEN, 5, Decimal(score), Decimal(score), Decimal(low), Decimal(high)
    )


def test_the_objective_forecast_is_weighted_like_the_objective_score() -> None:
    pairs = [
        (Decimal(30), kr_forecast("0.63", "0.50", "0.70")),
        (Decimal(40), kr_forecast("0.75", "0.60", "0.90")),
        (Decimal(30), kr_forecast("0.60", "0.40", "0.80")),
    ]

    forecast = forecast_objective(pairs)

    assert forecast.method is ForecastMethod.WEIGHTED
    assert forecast.score == Decimal("0.669")  # okr-domain §3's worked example
    assert forecast.low == Decimal("0.510")
    assert forecast.high == Decimal("0.810")
    assert forecast.band is ForecastBand.ON_TRACK
    assert forecast.points_used == 15


def test_an_objective_with_a_key_result_without_forecast_has_none() -> None:
    missing = Forecast(ForecastMethod.NONE, 0, reason=ForecastReason.NO_CHECK_INS)

    forecast = forecast_objective(
        [(Decimal(50), kr_forecast("0.6", "0.5", "0.7")), (Decimal(50), missing)]
    )
    empty = forecast_objective([])

    assert forecast.score is None
    assert forecast.reason is ForecastReason.KEY_RESULT_WITHOUT_FORECAST
    assert empty.reason is ForecastReason.NO_KEY_RESULTS


def test_bands_follow_the_sweet_spot_and_the_reconsider_threshold() -> None:
    strict = Policy().changed(sweet_spot_low="0.65", sweet_spot_high="0.75", reconsider_below="0.5")

    assert band_for(Decimal("0.60")) is ForecastBand.ON_TRACK
    assert band_for(Decimal("0.59")) is ForecastBand.AT_RISK
    assert band_for(Decimal("0.40")) is ForecastBand.AT_RISK
    assert band_for(Decimal("0.39")) is ForecastBand.OFF_TRACK
    assert band_for(Decimal("0.60"), strict) is ForecastBand.AT_RISK
    assert band_for(Decimal("0.45"), strict) is ForecastBand.OFF_TRACK


def test_many_points_are_thinned_and_keep_the_trend() -> None:
    points = [value(d / 4, str(d / 4)) for d in range(1, 300)]

    forecast = numeric(points)

    assert forecast.points_used <= 64
    assert forecast.score == Decimal("1.00")


def test_backtest_weeks_stop_before_the_cycle_end() -> None:
    weeks = backtest_weeks(date(2024, 1, 1), date(2024, 3, 31))

    assert weeks[0] == date(2024, 1, 7)
    assert weeks[-1] == date(2024, 3, 24)
    assert len(weeks) == 12


def test_final_score_is_given_or_that_of_the_latest_point() -> None:
    kr = BacktestKeyResult(NUMERIC, Decimal(0), Decimal(8), [value(10, "2"), value(99, "5")])
    done = BacktestKeyResult(MILESTONE, None, None, [ForecastPoint(at(30), done=True)])

    assert final_score(kr, STARTS, ENDS) == Decimal("0.63")
    assert final_score(replace(kr, final_score=Decimal("0.7")), STARTS, ENDS) == Decimal("0.7")
    assert final_score(done, STARTS, ENDS) == Decimal("1.00")


def test_backtest_replays_each_week_with_what_was_known_then() -> None:
    line = [ForecastPoint(STARTS + timedelta(days=d), Decimal(d + 1)) for d in range(6, 99, 7)]
    line.append(ForecastPoint(ENDS, Decimal("100")))
    cycle = BacktestCycle(
        STARTS,
        ENDS,
        [
            BacktestKeyResult(NUMERIC, Decimal(0), Decimal(100), line, label="line"),
            BacktestKeyResult(KeyResultKind.DERIVED, None, None, []),
        ],
    )

    report = backtest([cycle])

    assert len(report.by_week) == 14
    assert report.overall.forecasts == 14
    assert report.skipped == 14  # the derived KR's weeks
    assert report.overall.mean_absolute_error == Decimal("0.0000")
    assert report.overall.coverage == Decimal("1.0000")
    assert set(report.by_method) == {"pace", "theil_sen"}
    assert report.by_label["line"].forecasts == 14


def test_synthetic_histories_are_reproducible() -> None:
    first = synthetic_cycles(seed=3, cycles=2, key_results_per_cycle=5)
    again = synthetic_cycles(seed=3, cycles=2, key_results_per_cycle=5)
    other = synthetic_cycles(seed=4, cycles=2, key_results_per_cycle=5)

    assert first == again
    assert first != other
    assert {kr.label for c in first for kr in c.key_results} <= set(BEHAVIOURS)


def test_the_80_percent_interval_is_calibrated_on_generated_histories() -> None:
    cycles = synthetic_cycles(seed=2025, cycles=4, key_results_per_cycle=250)

    report = backtest(cycles)

    assert report.overall.coverage is not None
    assert abs(report.overall.coverage - Decimal("0.80")) <= Decimal("0.03")
    for week in report.by_week:
        assert week.coverage is not None
        assert Decimal("0.70") <= week.coverage <= Decimal("0.92"), week
    assert report.overall.mean_absolute_error is not None
    assert report.overall.mean_absolute_error < Decimal("0.20")
    late = report.by_week[-1].mean_absolute_error
    early = report.by_week[0].mean_absolute_error
    assert late is not None and early is not None and late < early
