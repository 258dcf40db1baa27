"""Report pages (tandem/reports/views/)."""

from django.urls import URLPattern, URLResolver, path

from tandem.reports.views import check_ins, dashboard, exports, progress, pulses

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("pulses/<id:pulse_id>/", pulses.pulse, name="pulse"),
    path("progress/", progress.progress, name="progress"),
    path("programs/<slug:slug>/reports/", dashboard.dashboard, name="dashboard"),
    path(
        "programs/<slug:slug>/reports/charts/<slug:key>.csv",
        dashboard.chart_csv,
        name="chart_csv",
    ),
    path("programs/<slug:slug>/reports/exports/<slug:what>.csv", exports.export, name="export"),
    path(
        "programs/<slug:slug>/reports/pairs/<id:match_id>/check-in/",
        check_ins.check_in,
        name="check_in",
    ),
]
