"""Map HTML sizes (bytes) as a notebook stores them; budgets: control_map <= 200 KB, control_over_time <= 500 KB."""

from __future__ import annotations


def run() -> dict[str, int]:
    from helpers import maps

    sizes = {
        "map size: control_map('2020-06-10') (bytes, budget 200,000)": maps.html_size(maps.control_map("2020-06-10")),
        "map size: control_over_time() (bytes, budget 500,000)": maps.html_size(maps.control_over_time()),
        "map size: backers_map() (bytes)": maps.html_size(maps.backers_map()),
    }
    return sizes
