"""The Insights view: the charts receive the journal's figures, off the GUI thread."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCharts import QAreaSeries, QBarSeries, QHorizontalStackedBarSeries
from PySide6.QtGui import QColor, QPalette

from gratitude_desktop.journal.contacts import ContactData, save_contact
from gratitude_desktop.journal.interactions import InteractionData, save_interaction
from gratitude_desktop.store.models import StageChange
from gratitude_desktop.ui.insights.charts import apply_palette, quarter_label
from gratitude_desktop.ui.insights.view import InsightsView
from gratitude_desktop.ui.widgets.recency_strip import RecencyStrip

TODAY = dt.date(2026, 11, 22)
ADDED = dt.datetime(2026, 1, 5, 9, 0)


def talk(cid, on):
    save_interaction(InteractionData(contact_id=cid, at=dt.datetime.combine(on, dt.time(12))))


@pytest.fixture
def people(journal):
    a = save_contact(
        ContactData(display_name="Client A", stage="client", circles=("friend",), created_at=ADDED)
    )
    talk(a, dt.date(2026, 11, 20))  # within 30 days
    b = save_contact(ContactData(display_name="Client B", stage="client", created_at=ADDED))
    talk(b, dt.date(2026, 9, 1))  # overdue
    talk(b, dt.date(2026, 9, 2))
    c = save_contact(ContactData(display_name="Prospect C", stage="prospect", created_at=ADDED))
    talk(c, dt.date(2026, 11, 12))  # 10 of 14 days: due this week
    StageChange.create(contact=a, from_stage="customer", to_stage="client", on=dt.date(2026, 10, 5))
    return a, b, c


@pytest.fixture
def view(people, qtbot):
    widget = InsightsView(today=lambda: TODAY)
    qtbot.addWidget(widget)
    return widget


def refresh(view, qtbot):
    with qtbot.waitSignal(view.refreshed, timeout=5000):
        view.refresh()


def bar_values(series) -> dict[str, list[float]]:
    return {s.label(): [s.at(i) for i in range(s.count())] for s in series.barSets()}


def test_stage_chart_stacks_within_due_and_overdue_per_stage(view, qtbot):
    refresh(view, qtbot)
    [series] = view.stage_chart.series()
    assert isinstance(series, QHorizontalStackedBarSeries)
    categories = view.stage_chart.axes()[0].categories()
    # only stages somebody is in; the first category is drawn at the bottom
    assert categories == ["Client", "Prospect"]  # stage order, bottom up
    values = bar_values(series)
    assert values["Within cadence"] == [1, 0]
    assert values["Due this week"] == [0, 1]
    assert values["Overdue"] == [1, 0]
    assert values["No cadence"] == [0, 0]


def test_circle_chart_counts_each_circle(view, qtbot):
    refresh(view, qtbot)
    [series] = view.circle_chart.series()
    assert view.circle_chart.axes()[0].categories() == ["Friend"]
    assert bar_values(series)["Within cadence"] == [1]


def test_weekly_chart_has_52_weeks_with_the_interactions(view, qtbot):
    refresh(view, qtbot)
    [area] = view.weekly_chart.series()
    assert isinstance(area, QAreaSeries)
    points = area.upperSeries().points()
    assert len(points) == 52
    ys = [p.y() for p in points]
    assert sum(ys) == 4
    assert ys[-1] == 1  # Nov 20, this week
    assert ys[-2] == 1  # Nov 12, last week


def test_ladder_chart_has_a_bar_set_per_rung_and_a_category_per_quarter(view, qtbot):
    refresh(view, qtbot)
    [series] = view.ladder_chart.series()
    assert isinstance(series, QBarSeries)
    categories = view.ladder_chart.axes()[0].categories()
    assert len(categories) == 8 and categories[-1] == "Q4 26"
    values = bar_values(series)
    assert list(values) == ["Became networking partner", "Became customer", "Became client"]
    # A's recorded change (Q4), and B with no recorded change: on the day added (Q1)
    assert values["Became client"][-1] == 1
    assert values["Became client"][-4] == 1
    assert sum(values["Became client"]) == 2
    assert sum(values["Became customer"]) == 0


def test_summary_reads_the_totals(view, qtbot):
    refresh(view, qtbot)
    assert view.summary.text().startswith(
        "3 contacts: 1 within cadence (33% within), 1 due this week, 1 past their cadence, 0 without"
    )


def test_a_journal_change_while_hidden_waits_for_the_next_show(view, qtbot):
    refresh(view, qtbot)
    view.journal_changed()
    assert view._stale  # not shown: nothing recounted yet
    with qtbot.waitSignal(view.refreshed, timeout=5000):
        view.show()
    assert not view._stale


def test_a_stale_result_is_dropped(view, qtbot):
    with qtbot.waitSignal(view.refreshed, timeout=5000) as done:
        view.refresh()
        view.refresh()
    assert view.insights is not None
    assert done.signal_triggered


def test_charts_take_the_palette_text_colour(view, qtbot):
    refresh(view, qtbot)
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    apply_palette(view.ladder_chart, dark)
    assert view.ladder_chart.titleBrush().color() == QColor("#eeeeee")
    assert view.ladder_chart.axes()[0].labelsColor() == QColor("#eeeeee")


def test_quarter_label():
    assert quarter_label(dt.date(2026, 10, 1)) == "Q4 26"


def test_recency_strip_keeps_the_weeks_and_describes_them(qtbot):
    strip = RecencyStrip()
    qtbot.addWidget(strip)
    weeks = [0] * 52
    weeks[-3] = 2
    weeks[10] = 1
    strip.set_weeks(weeks)
    assert strip.weeks() == weeks
    assert strip.toolTip() == "3 interactions in the last 52 weeks; the last one 2 weeks ago"
    strip.set_weeks([0] * 52)
    assert strip.toolTip() == "No interactions in the last 52 weeks"
    strip.resize(strip.sizeHint())
    assert not strip.grab().isNull()


def test_recency_strip_draws_smaller_cells_when_narrow_never_past_its_edge(qtbot):
    strip = RecencyStrip()
    qtbot.addWidget(strip)
    strip.set_weeks([1] * 52)
    full = strip.sizeHint().width()
    assert strip.minimumSizeHint().width() < full // 2
    for width in (full, full - 100, strip.minimumSizeHint().width()):
        strip.resize(width, strip.sizeHint().height())
        rects = strip.cell_rects()
        assert len(rects) == 52
        assert rects[-1].right() <= width
        assert all(a.right() < b.left() for a, b in zip(rects, rects[1:], strict=False))
        assert min(r.width() for r in rects) >= 2


def test_the_contact_page_header_shows_the_recency_strip(journal, qtbot):
    from gratitude_desktop.ui.contacts.page import ContactPage

    cid = save_contact(ContactData(display_name="Ada"))
    today = dt.date.today()
    talk(cid, today)
    talk(cid, today - dt.timedelta(days=7))
    page = ContactPage()
    qtbot.addWidget(page)
    page.show_contact(cid)
    weeks = page.recency.weeks()
    assert len(weeks) == 52 and sum(weeks) == 2
    assert weeks[-1] == 1 and weeks[-2] == 1
    assert page.recency.isVisibleTo(page)
    page.show_contact(None)
    assert not page.recency.isVisibleTo(page)


def test_lost_reasons_and_details_not_confirmed_are_listed(people, qtbot):
    from gratitude_desktop.journal.contacts import MethodData

    lost = save_contact(
        ContactData(
            display_name="Lost L",
            stage="lost-customer",
            lost_since=dt.date(2026, 6, 1),
            lost_reason="price",
            created_at=ADDED,
        )
    )
    old = save_contact(
        ContactData(
            display_name="Old O",
            methods=[MethodData("phone", "+44 1", confirmed_on=dt.date(2023, 3, 1))],
            created_at=ADDED,
        )
    )
    view = InsightsView(today=lambda: TODAY)
    qtbot.addWidget(view)
    refresh(view, qtbot)
    assert view.lost_text.text() == "Price: 1 lost · 0 asked why since · 0 won back"
    first = view.unconfirmed.item(0)
    assert first.text() == "Old O — last confirmed 2023-03-01"
    with qtbot.waitSignal(view.openContact) as opened:
        view.unconfirmed.itemActivated.emit(first)
    assert opened.args == [old]
    assert "not confirmed for two years" in view.unconfirmed_note.text()
    assert lost
