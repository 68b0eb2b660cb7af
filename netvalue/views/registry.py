"""Every view by name: the dashboard caches views by this name (ui.view), the report and the tests call them."""

from __future__ import annotations

from collections.abc import Callable

from netvalue.views.overview import overview_view

REGISTRY: dict[str, Callable[..., object]] = {
    "overview": overview_view,
}
