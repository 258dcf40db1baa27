import pytest

from tandem.matching.engine import instance_build, quality_report, solve


def test_the_report_counts_what_the_run_achieved():
    instance = instance_build(
        mentees={"a": 1, "b": 1, "c": 1},
        mentors={"x": 2, "y": 1},
        edges={
            ("a", "x"): (0.9, 0.9, 0.9),
            ("b", "x"): (0.5, 0.5, 0.5),
            ("c", "x"): (0.3, 0.3, 0.3),
        },
    )
    result = solve(instance, mode="optimal")
    report = quality_report(result, groups={"a": "students", "b": "staff", "c": "staff"})
    assert report.pairs == 2
    assert report.mentees_matched == 2
    assert report.matched_percent == pytest.approx(200 / 3)
    assert report.mean_score == pytest.approx(0.7)
    assert report.min_score == pytest.approx(0.5)
    assert report.unused_mentor_places == 1
    assert report.mentors_without_mentee == 1
    assert report.mentor_load_percent == pytest.approx(200 / 3)
    assert report.blocking_pairs == 0
    assert report.matched_percent_by_group == {"staff": 50.0, "students": 100.0}
    assert report.score_by_group == {"staff": 0.5, "students": 0.9}
    assert report.seconds >= 0


def test_an_empty_run_reports_zeros():
    instance = instance_build(mentees={"a": 1}, mentors={"x": 1}, edges={})
    report = quality_report(solve(instance, mode="stable"))
    assert (report.pairs, report.matched_percent, report.mean_score) == (0, 0.0, 0.0)
