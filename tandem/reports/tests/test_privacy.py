"""The "fewer than 5" rule on each kind of figure."""

from tandem.reports.privacy import FEWER, Count, Share, Stat


def test_counts_of_one_to_four_are_hidden_and_zero_is_not() -> None:
    assert [str(Count(n)) for n in (0, 1, 4, 5, 12_000)] == ["0", FEWER, FEWER, "5", "12,000"]
    assert [Count(n).shown for n in (0, 3, 5)] == [0, None, 5]


def test_a_share_hides_when_its_whole_or_its_part_is_a_small_group() -> None:
    assert Share(3, 4).percent is None  # the whole is four people
    assert Share(3, 10).percent is None  # 30 % of 10 would give away the hidden 3
    assert str(Share(3, 10)) == FEWER
    assert Share(0, 10).percent == 0.0
    assert Share(5, 8).percent == 62.5
    assert str(Share(0, 0)) == "–"


def test_an_average_over_fewer_than_five_values_is_hidden() -> None:
    assert str(Stat(4.25, n=4, unit="out of 5")) == FEWER
    assert Stat(4.25, n=4).shown is None
    assert str(Stat(4.25, n=5, unit="out of 5")) == "4.2 out of 5"
    assert str(Stat(None, n=0)) == "–"
