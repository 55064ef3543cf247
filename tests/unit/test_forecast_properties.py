"""Property tests of the forecast: monotone in the latest value, bounded, order-independent,
deterministic."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, localcontext

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.forecast import Forecast, ForecastPoint, forecast_key_result
from domain.model import KeyResultKind

MODERATE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

STARTS = date(2024, 1, 1)
ENDS = date(2024, 3, 31)
ORIGIN = datetime(2024, 1, 1, tzinfo=UTC)

values = st.decimals(min_value=-1_000, max_value=1_000, places=2, allow_nan=False)
raises = st.decimals(min_value=0, max_value=2_000, places=2, allow_nan=False)
# minutes from the cycle's start, a little before it and after its end included
minutes = st.integers(min_value=-3 * 1440, max_value=95 * 1440)


def instant(minute: int) -> datetime:
    return ORIGIN + timedelta(minutes=minute)


@st.composite
def numeric_points(draw: st.DrawFn, *, distinct: bool) -> list[ForecastPoint]:
    times = draw(st.lists(minutes, min_size=1, max_size=20, unique=distinct))
    points: list[ForecastPoint] = []
    for minute in times:
        received = draw(st.none() | st.integers(min_value=0, max_value=5 * 1440))
        points.append(
            ForecastPoint(
                instant(minute),
                draw(values),
                received_at=None if received is None else instant(minute + received),
            )
        )
    return points


@st.composite
def start_and_target(draw: st.DrawFn) -> tuple[Decimal, Decimal]:
    start = draw(values)
    target = draw(values.filter(lambda t: t != start))
    return start, target


def numeric(
    points: list[ForecastPoint],
    start: Decimal,
    target: Decimal,
    as_of: datetime | None = None,
) -> Forecast:
    return forecast_key_result(
        kind=KeyResultKind.NUMERIC,
        start=start,
        target=target,
        points=points,
        cycle_starts_on=STARTS,
        cycle_ends_on=ENDS,
        as_of=as_of,
    )


def assert_bounded(forecast: Forecast) -> None:
    assert forecast.score is not None and forecast.low is not None
    assert forecast.high is not None and forecast.progress is not None
    assert Decimal(0) <= forecast.low <= forecast.score <= forecast.high <= Decimal(1)
    assert Decimal(0) <= forecast.progress <= Decimal(1)
    assert forecast.score == forecast.score.quantize(Decimal("0.01"))


@MODERATE
@given(points=numeric_points(distinct=True), bounds=start_and_target(), raise_by=raises)
def test_raising_the_latest_value_never_lowers_the_forecast_of_an_increasing_kr(
    points: list[ForecastPoint], bounds: tuple[Decimal, Decimal], raise_by: Decimal
) -> None:
    start, target = sorted(bounds)
    latest = max(points, key=lambda p: p.at)
    assert latest.value is not None
    raised = [
        ForecastPoint(p.at, latest.value + raise_by, received_at=p.received_at)
        if p is latest
        else p
        for p in points
    ]

    before = numeric(points, start, target)
    after = numeric(raised, start, target)

    assert before.score is not None and after.score is not None
    assert after.score >= before.score
    assert after.method is before.method


@MODERATE
@given(
    points=numeric_points(distinct=False),
    bounds=start_and_target(),
    as_of=st.none() | minutes.map(instant),
)
def test_a_numeric_forecast_is_bounded(
    points: list[ForecastPoint], bounds: tuple[Decimal, Decimal], as_of: datetime | None
) -> None:
    forecast = numeric(points, *bounds, as_of=as_of)

    if forecast.reason is None:
        assert_bounded(forecast)
    else:
        assert forecast.score is None and forecast.low is None and forecast.high is None


@MODERATE
@given(
    flags=st.lists(st.tuples(minutes, st.booleans()), max_size=10),
    as_of=st.none() | minutes.map(instant),
)
def test_a_milestone_forecast_is_bounded(
    flags: list[tuple[int, bool]], as_of: datetime | None
) -> None:
    points = [ForecastPoint(instant(m), done=done) for m, done in flags]

    forecast = forecast_key_result(
        kind=KeyResultKind.MILESTONE,
        start=None,
        target=None,
        points=points,
        cycle_starts_on=STARTS,
        cycle_ends_on=ENDS,
        as_of=as_of,
    )

    assert_bounded(forecast)


@MODERATE
@given(points=numeric_points(distinct=False), bounds=start_and_target(), data=st.data())
def test_shuffling_the_points_gives_the_same_forecast(
    points: list[ForecastPoint], bounds: tuple[Decimal, Decimal], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(points))

    assert numeric(shuffled, *bounds) == numeric(points, *bounds)


@MODERATE
@given(points=numeric_points(distinct=False), bounds=start_and_target())
def test_the_forecast_is_deterministic_whatever_the_decimal_context(
    points: list[ForecastPoint], bounds: tuple[Decimal, Decimal]
) -> None:
    first = numeric(points, *bounds)

    with localcontext() as context:
        context.prec = 6
        again = numeric(list(points), *bounds)

    assert again == first
    assert numeric(points, *bounds) == first
