"""The figures and assumptions in plain words, and the chart's rows (explain.py)."""

from __future__ import annotations

from decimal import Decimal

from tandem.growth.education.explain import (
    MONEY,
    WITH_VALUE,
    assumptions,
    chart,
    figures,
    money,
    payback_text,
)
from tandem.growth.education.returns import evaluate
from tandem.growth.education.tests.factories import inputs

D = Decimal


class TestNumbersInWords:
    def test_money_is_rounded_to_whole_units_with_a_real_minus_sign(self):
        assert (money(D("8000")), money(D("-1000.4")), money(D("892.5"))) == (
            "8,000",
            "−1,000",
            "893",
        )

    def test_payback_reads_as_years_now_or_not_within_the_years_it_lasts(self):
        assert payback_text(D("2.7415"), years=3) == "2.7 years"
        assert payback_text(D("0.96"), years=3) == "1.0 year"
        assert payback_text(D(0), years=3) == "Right away: nothing to pay back"
        assert payback_text(None, years=1) == "Not within the 1 year it lasts"


class TestAssumptions:
    def test_say_the_cost_the_chance_the_years_and_the_rate(self):
        degree = inputs()
        lines = assumptions(degree, evaluate(degree))
        assert lines[0] == (
            "It costs 20,000 in tuition and course costs, plus 30,000 of pay given up over 12 "
            "months away from work (2,500 a month): 50,000 in all, counted as paid at the start."
        )
        assert lines[1] == (
            "You expect a raise of 8,000 a year, and you think there is a 60 % chance of it, so "
            "it counts as 4,800 a year."
        )
        assert lines[2] == "It lasts 10 years, starting the year after you pay."
        assert "discounted by 4 % a year" in lines[3]
        assert "haven't put a figure on what it is worth to you" in lines[4]

    def test_a_sure_lower_paid_path_studied_alongside_work(self):
        path = inputs(months_away=0, salary_change=D(-2_000), chance=D(100), discount_rate=D(0))
        lines = assumptions(path, evaluate(path))
        assert "you'd keep working, so no pay is given up" in lines[0]
        assert lines[1] == "You expect your pay to go down by 2,000 a year, and you're sure of it."
        assert "0 % discount rate" in lines[3]


class TestFiguresAndChart:
    def test_a_path_that_falls_short_says_by_how_much(self):
        # 60 % of 8,000 = 4,800 a year for 2 years at 0 %: 9,600 against 50,000.
        short = inputs(years=2, discount_rate=D(0))
        result = figures(short, evaluate(short))
        assert (
            result.verdict
            == "In money alone it comes out 40,400 short after 2 years, in today's value."
        )
        assert not result.pays_off
        assert result.payback == "Not within the 2 years it lasts"

    def test_the_chart_shows_the_worth_to_you_as_its_own_line_only_when_given(self):
        plain = inputs(years=2)
        assert [s.name for s in chart("k", plain, evaluate(plain)).series] == [MONEY]
        valued = inputs(years=2, value_to_you=D(1_000))
        drawn = chart("k", valued, evaluate(valued))
        assert [s.name for s in drawn.series] == [MONEY, WITH_VALUE]
        assert drawn.labels == ["Now", "Year 1", "Year 2"]
        assert drawn.table.columns == ["Year", MONEY, WITH_VALUE]
        assert drawn.table.rows[0] == ["Now", "−50,000", "−50,000"]
        assert "You start 50,000 down" in drawn.summary
