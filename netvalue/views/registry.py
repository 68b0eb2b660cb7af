"""Every view by name: the dashboard caches views by this name (ui.view), the report and the tests call them."""

from __future__ import annotations

from collections.abc import Callable

from netvalue.views.connections import connections_view
from netvalue.views.depth import depth_choices, depth_view
from netvalue.views.method import method_view, score_curve_view
from netvalue.views.networks import indicator_history_view, network_view, networks_view
from netvalue.views.overview import overview_view
from netvalue.views.ripples import budding_view, rings_view, ripples_view, tree_view

REGISTRY: dict[str, Callable[..., object]] = {
    "overview": overview_view,
    "connections": connections_view,
    "networks": networks_view,
    "network": network_view, "network_history": indicator_history_view,
    "method": method_view,
    "method_curve": score_curve_view,
    "depth": depth_view, "depth_choices": depth_choices,
    "ripples": ripples_view, "ripples_rings": rings_view, "ripples_budding": budding_view, "ripples_tree": tree_view,
}
