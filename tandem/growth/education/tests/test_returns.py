"""The return arithmetic (returns.py), against cases worked out by hand, and its invariants."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.growth.education.returns import Inputs, evaluate, problems

D = Decimal


def make(**values: object) -> Inputs:
    base: dict[str, object] = {
        "tuition": D(0), "months_away": 0, "pay_given_up_per_month": D(0),
        "salary_change": D(0), "chance": D(100), "years": 1, "discount_rate": D(0),
        "value_to_you": D(0),
    }  # fmt: skip
    return Inputs(**{**base, **values})


class TestHandWorkedCases:
    def test_no_discount_and_a_sure_raise_adds_up_year_by_year(self):
        # Cost 10,000 now; 3,000 a year for 5 years; rate 0 %.
        # NPV = −10,000 + 5 × 3,000 = 5,000.
        # After 3 years: −10,000 + 9,000 = −1,000 still owed; year 4 brings 3,000,
        # so payback = 3 + 1,000 / 3,000 = 3.333… years.
        result = evaluate(make(tuition=D(10_000), salary_change=D(3_000), years=5))
        assert result.cost == 10_000
        assert result.npv == 5_000
        assert result.payback == 3 + D(1) / D(3)
        assert [row.position for row in result.years] == [
            -10_000,
            -7_000,
            -4_000,
            -1_000,
            2_000,
            5_000,
        ]

    def test_discounting_makes_later_years_worth_less(self):
        # Cost 2,000; 1,210 a year for 2 years at 10 %.
        # Year 1: 1,210 / 1.1 = 1,100.  Year 2: 1,210 / 1.21 = 1,000.
        # NPV = −2,000 + 1,100 + 1,000 = 100.
        # After year 1, 900 is still owed; year 2 brings 1,000: payback = 1 + 900/1,000 = 1.9.
        result = evaluate(
            make(tuition=D(2_000), salary_change=D(1_210), years=2, discount_rate=D(10))
        )
        assert [row.gain for row in result.years] == [0, 1_100, 1_000]
        assert result.npv == 100
        assert result.payback == D("1.9")

    def test_a_gain_that_exactly_covers_the_cost_pays_back_at_the_end_of_its_year(self):
        # Cost 1,000; 1,100 in year 1 at 10 %: 1,100 / 1.1 = 1,000, so NPV 0, payback 1.0.
        result = evaluate(make(tuition=D(1_000), salary_change=D(1_100), discount_rate=D(10)))
        assert result.npv == 0
        assert result.payback == 1

    def test_a_chance_below_100_percent_scales_the_raise(self):
        # Cost: 4,000 tuition + 2 months away × 1,500 = 7,000.
        # A 60 % chance of 5,000 a year counts as 3,000 a year; 2 years; rate 0 %.
        # NPV = −7,000 + 2 × 3,000 = −1,000: it never pays back within the 2 years.
        result = evaluate(
            make(
                tuition=D(4_000), months_away=2, pay_given_up_per_month=D(1_500),
                salary_change=D(5_000), chance=D(60), years=2,
            )
        )  # fmt: skip
        assert (result.cost, result.pay_given_up, result.expected_gain) == (7_000, 3_000, 3_000)
        assert result.npv == -1_000
        assert result.payback is None

    def test_what_it_is_worth_to_you_is_kept_apart_and_not_scaled_by_the_chance(self):
        # As above, plus 1,000 a year of worth to you (not × 60 %): 4,000 a year in all.
        # With it: NPV = −7,000 + 2 × 4,000 = 1,000; after year 1, 3,000 is owed and year 2
        # brings 4,000, so payback = 1 + 3,000 / 4,000 = 1.75. Money alone stays −1,000.
        result = evaluate(
            make(
                tuition=D(4_000), months_away=2, pay_given_up_per_month=D(1_500),
                salary_change=D(5_000), chance=D(60), years=2, value_to_you=D(1_000),
            )
        )  # fmt: skip
        assert (result.npv, result.payback) == (-1_000, None)
        assert (result.npv_with_value, result.payback_with_value) == (1_000, D("1.75"))

    def test_discounting_and_a_chance_together(self):
        # Cost 10,000; a 50 % chance of 8,000 = 4,000 a year for 3 years at 5 %.
        # Year 1: 4,000 / 1.05     = 3,809.5238…
        # Year 2: 4,000 / 1.1025   = 3,628.1179…
        # Year 3: 4,000 / 1.157625 = 3,455.3504…
        # NPV = −10,000 + 10,892.9921… = 892.99 (to the cent).
        # After year 2, 10,000 − 7,437.6417… = 2,562.3583… is owed; year 3 brings 3,455.3504…,
        # so payback = 2 + 0.7416 = 2.74 years.
        result = evaluate(
            make(
                tuition=D(10_000), salary_change=D(8_000), chance=D(50), years=3, discount_rate=D(5)
            )
        )
        assert round(result.years[1].gain, 4) == D("3809.5238")
        assert round(result.years[2].gain, 4) == D("3628.1179")
        assert round(result.years[3].gain, 4) == D("3455.3504")
        assert round(result.npv, 2) == D("892.99")
        assert result.payback is not None
        assert round(result.payback, 2) == D("2.74")

    def test_nothing_to_pay_back_pays_back_at_once(self):
        result = evaluate(make(salary_change=D(2_000), years=3))
        assert (result.cost, result.payback, result.npv) == (0, 0, 6_000)

    def test_a_lower_paid_path_never_pays_back_in_money(self):
        result = evaluate(make(tuition=D(500), salary_change=D(-1_000), years=3))
        assert result.npv == -3_500
        assert result.payback is None


class TestProblems:
    @pytest.mark.parametrize(
        ("change", "field", "words"),
        [
            ({"tuition": D(-1)}, "tuition", "can't be negative"),
            ({"pay_given_up_per_month": D(-5)}, "pay_given_up_per_month", "can't be negative"),
            ({"months_away": -1}, "months_away", "can't be negative"),
            ({"months_away": 121}, "months_away", "At most 120 months"),
            ({"chance": D(101)}, "chance", "from 0 to 100"),
            ({"chance": D(-1)}, "chance", "from 0 to 100"),
            ({"years": 0}, "years", "at least one year"),
            ({"years": -3}, "years", "at least one year"),
            ({"years": 51}, "years", "At most 50 years"),
            ({"discount_rate": D(51)}, "discount_rate", "from 0 to 50 %"),
            ({"discount_rate": D(-1)}, "discount_rate", "from 0 to 50 %"),
            ({"tuition": D(10_000_001)}, "tuition", "extra zero"),
            ({"salary_change": D(-10_000_001)}, "salary_change", "extra zero"),
            ({"value_to_you": D(-1)}, "value_to_you", "0 or more"),
        ],
    )
    def test_each_bad_figure_is_named_with_a_message(self, change, field, words):
        [(named, message)] = problems(make(**change))
        assert named == field
        assert words in message

    def test_sensible_figures_have_no_problem(self):
        assert problems(make(tuition=D(10_000_000), salary_change=D(-10_000_000), years=50)) == []

    def test_evaluate_refuses_what_problems_refuses(self):
        with pytest.raises(ValueError, match="years"):
            evaluate(make(years=0))


amounts = st.integers(min_value=0, max_value=1_000_000).map(D)
rates = st.decimals(min_value=0, max_value=50, places=2)


@st.composite
def scenarios(draw: st.DrawFn, *, gain: st.SearchStrategy[Decimal] | None = None) -> Inputs:
    return make(
        tuition=draw(amounts),
        months_away=draw(st.integers(0, 24)),
        pay_given_up_per_month=draw(st.integers(0, 10_000).map(D)),
        salary_change=draw(gain if gain is not None else st.integers(-100_000, 100_000).map(D)),
        chance=draw(st.integers(0, 100).map(D)),
        years=draw(st.integers(1, 50)),
        discount_rate=draw(rates),
        value_to_you=draw(st.integers(0, 10_000).map(D)),
    )


class TestInvariants:
    @given(scenarios(), rates, rates)
    def test_a_higher_discount_rate_never_raises_npv_when_the_gain_is_positive(self, base, a, b):
        # With a positive gain every year's term shrinks as the rate grows.
        low, high = sorted((a, b))
        cheap = evaluate(
            make(**{**vars(base), "salary_change": abs(base.salary_change), "discount_rate": low})
        )
        dear = evaluate(
            make(**{**vars(base), "salary_change": abs(base.salary_change), "discount_rate": high})
        )
        assert dear.npv <= cheap.npv

    @given(scenarios())
    def test_a_chance_of_zero_is_worth_minus_the_cost(self, base):
        result = evaluate(make(**{**vars(base), "chance": D(0)}))
        assert result.npv == -result.cost

    @given(scenarios(gain=st.integers(1, 100_000).map(D)), st.integers(1, 49))
    def test_more_years_never_lower_npv_when_the_gain_is_positive(self, base, extra):
        longer = min(base.years + extra, 50)
        assert evaluate(make(**{**vars(base), "years": longer})).npv >= evaluate(base).npv

    @given(scenarios())
    def test_the_chart_starts_at_minus_the_cost_and_ends_at_the_npv(self, base):
        result = evaluate(base)
        assert result.years[0].position == -result.cost
        assert result.years[-1].position == result.npv
        assert len(result.years) == base.years + 1

    @given(scenarios())
    def test_payback_falls_in_the_first_year_the_position_is_no_longer_negative(self, base):
        result = evaluate(base)
        first = next((row.year for row in result.years if row.position >= 0), None)
        if first is None:
            assert result.payback is None
        else:
            assert result.payback is not None
            assert first - 1 <= result.payback <= first
