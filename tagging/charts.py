"""Server-rendered SVG charts: no client-side library, readable by screen readers."""

from dataclasses import dataclass
from datetime import date
from html import escape


@dataclass(frozen=True)
class MonthCount:
    month: date  # first day of the month
    count: int


def months_back(*, today: date, months: int) -> list[date]:
    """The first days of the last `months` months, oldest first, ending with today's month."""
    year, month = today.year, today.month
    firsts = []
    for _ in range(months):
        firsts.append(date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return firsts[::-1]


def _nice_max(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten at or above value (at least 1)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if value <= factor * step:
                return factor * step
        step *= 10


def chart_monthly_svg(*, months: list[MonthCount], title: str, desc: str, chart_id: str) -> str:
    """A bar chart of counts per month as an inline SVG string, with a <title> and <desc>.

    Every month is a bar whose <title> reads "March 2025: 4 stories", so pointing at a bar
    tells its value; screen readers get the title and description through aria-labelledby.
    """
    width, height = 720, 220
    left, right, top, bottom = 36, 8, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max((m.count for m in months), default=0))
    slot = plot_w / max(len(months), 1)
    bar_w = slot * 0.7
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-monthly" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    # Grid lines at 0, half and the top value, labelled on the left.
    for value in sorted({0, top_value // 2 if top_value >= 2 else 0, top_value}):
        y = top + plot_h - plot_h * value / top_value
        parts.append(
            f'<line class="chart-grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#d4d4d4" stroke-width="1"/>'
        )
        parts.append(
            f'<text class="chart-axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="12" fill="#555">{value}</text>'
        )
    for index, item in enumerate(months):
        x = left + index * slot + (slot - bar_w) / 2
        bar_h = plot_h * item.count / top_value
        y = top + plot_h - bar_h
        label = f"{item.month:%B %Y}: {item.count} {'story' if item.count == 1 else 'stories'}"
        parts.append(
            f'<rect class="chart-bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" '
            f'fill="#1f5f99" data-month="{item.month:%Y-%m}" data-count="{item.count}">'
            f"<title>{escape(label)}</title></rect>"
        )
        if item.month.month in (1, 4, 7, 10):
            text = f"{item.month:%b}" if item.month.month != 1 else f"{item.month:%b %Y}"
            parts.append(
                f'<text class="chart-axis" x="{x + bar_w / 2:.1f}" y="{height - bottom + 16}" '
                f'text-anchor="middle" font-size="12" fill="#555">{text}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
