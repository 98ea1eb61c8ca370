"""Each audit check on hand-made records: what must fail it, what must pass it (no corpus needed)."""

from __future__ import annotations

import pytest

from luoshi.audit import BY_ID, CHECKS, audit
from luoshi.audit.continuity import PROVINCE_GAP, YEAR_STEP
from luoshi.store import neardup


def fact(metric="gdp", status="target", period=None, growth=None, growth_unit="%", value=None, unit=None, high=None,
         basis="annual", scope=None, sentence="", **extra):
    return {"metric": metric, "metric_text": metric, "status": status, "period": period, "growth": growth,
            "growth_unit": growth_unit if growth is not None else None, "value": value, "unit": unit, "high": high,
            "value_text": "", "basis": basis, "scope": scope, "sentence": sentence or f"{metric} {growth}", **extra}


def report(rid, region, year, facts=(), *, level="city", province=None, kind="annual", doc_type="work_report",
           absent=(), minhash=None):
    return {"id": rid, "source": f"src-{rid}", "facts": list(facts), "absent_targets": list(absent),
            "minhash": minhash,
            "meta": {"region": region, "year": year, "level": level, "province": province, "kind": kind,
                     "doc_type": doc_type}}


def run(check_id, records):
    (result,) = audit(records, only=[check_id])
    return result


def failing(check_id, records):
    return [(f.region, f.year) for f in run(check_id, records).failures]


def test_registry_ids_are_unique_and_described():
    assert len({c.id for c in CHECKS}) == len(CHECKS) == len(BY_ID)
    assert all(c.description and "\n" not in c.description for c in CHECKS)
    with pytest.raises(KeyError):
        audit([], only=["no_such_check"])


@pytest.mark.parametrize("facts, absent, covered", [
    ([fact(growth=8.0, period=2010)], (), True),                                  # a growth
    ([fact(growth=7.0, high=8.0)], (), True),                                     # a range
    ([fact(relation={"to": "全国", "comparison": "同步"})], (), True),            # a relation, no figure
    ([], ("gdp",), True),                                                         # an explicit absence
    ([fact(status="actual", growth=8.0, period=2009)], (), False),                # a result is not a target
    ([fact(metric="cpi", growth=3.0)], (), False),                                # another metric's target
    ([fact(growth=None, value=1e11, unit="元")], (), False),                      # a level, not a growth
])
def test_gdp_target_coverage(facts, absent, covered):
    result = run("gdp_target", [report("a", "甲市", 2010, facts, absent=absent)])
    assert (result.checked, result.failed) == (1, 0 if covered else 1)


def test_coverage_counts_only_annual_work_reports_since_1995():
    records = [report("a", "甲市", 1994), report("b", "甲市", 2000, kind="other"),
               report("c", "全国", 2000, doc_type="communique"), report("d", "甲市", 2001)]
    assert run("gdp_target", records).checked == 1
    assert failing("gdp_target", records) == [("甲市", 2001)]
    assert run("gdp_target", records).groups == {"2000s city": [1, 1]}  # where misses cluster: decade and level


@pytest.mark.parametrize("result_fact, ok", [
    (fact(status="actual", period=2009, growth=9.1), True),
    (fact(status="estimate", period=2009, growth=9.0), True),
    (fact(status="actual", period=2008, growth=9.1), False),                      # another year
    (fact(status="actual", period=2009, growth=9.1, basis="average"), False),     # 年均, a multi-year figure
    (fact(status="actual", period=2009, growth=45.0, sentence="五年来增长45%"), False),
    (fact(status="actual", period=2009, growth=12.0, scope="开发区"), False),     # a part of the region
    (fact(status="actual", period=2009, value=1e11, unit="元"), False),           # a level, no growth
])
def test_gdp_result_coverage(result_fact, ok):
    assert run("gdp_result", [report("a", "甲市", 2010, [result_fact])]).failed == (0 if ok else 1)


def series(region, targets, *, level="city", province=None):
    return [report(f"{region}{y}", region, y, [fact(growth=g, period=y)], level=level, province=province)
            for y, g in targets.items()]


def test_target_step_flags_a_jump_and_passes_small_moves():
    records = series("甲市", {2010: 10.0, 2011: 9.0, 2012: 9.0 + YEAR_STEP + 1, 2013: 9.5})
    result = run("target_step", records)
    assert result.checked == 3
    assert failing("target_step", records) == [("甲市", 2012), ("甲市", 2013)]


def test_a_range_counts_by_its_middle():
    records = [report("a", "甲市", 2010, [fact(growth=8.0, period=2010)]),
               report("b", "甲市", 2011, [fact(growth=10.0, high=12.0, period=2011)])]
    assert run("target_step", records).failed == 0  # middle 11: 3 points from 8


def test_city_target_against_its_province():
    records = (series("乙省", {2010: 8.0}, level="province")
               + series("甲市", {2010: 8.0 + PROVINCE_GAP + 0.5}, province="乙省")
               + series("丙市", {2010: 9.5}, province="乙省"))
    assert run("target_province", records).checked == 2
    assert failing("target_province", records) == [("甲市", 2010)]


def test_suspicious_only_when_far_from_every_reference():
    province = series("乙省", {2010: 8.0, 2011: 8.0, 2012: 8.0}, level="province")
    misread = series("甲市", {2010: 9.0, 2011: 90.0, 2012: 9.0}, province="乙省")   # far from all: flagged
    new_course = series("丙市", {2010: 9.0, 2011: 14.0, 2012: 14.0}, province="乙省")  # near 2012: not flagged
    assert failing("suspicious_target", province + misread + new_course) == [("甲市", 2011)]


def test_relation_without_figure_is_not_a_continuity_figure():
    records = series("甲市", {2010: 9.0}) + [report("x", "甲市", 2011, [fact(relation={"to": "全省"})])]
    assert run("target_step", records).checked == 0


TEXT = "各位代表，现在我代表市人民政府向大会报告工作。" * 40


def test_copies_must_agree_and_other_reports_of_the_year_are_not_copies():
    sig = neardup.signature(TEXT)
    other = neardup.signature("完全不同的另一份报告，讲的是另一件事情。" * 40)
    a = report("a", "甲市", 2010, [fact(growth=9.0, period=2010), fact(status="actual", period=2009, growth=10.1)],
               minhash=sig)
    b = report("b", "甲市", 2010, [fact(growth=9.0, period=2010), fact(status="actual", period=2009, growth=11.0)],
               minhash=sig)
    c = report("c", "甲市", 2010, [fact(growth=5.0, period=2010)], minhash=other)
    result = run("copies_agree", [a, b, c])
    assert result.checked == 2  # target and result of the pair a/b; c is another report of 2010
    assert [f.why for f in result.failures] == ["GDP result: the copies differ"]
    b["facts"] = b["facts"][:1]
    assert [f.why.split(" (")[0] for f in run("copies_agree", [a, b]).failures] == ["GDP result: read in one copy only"]


def test_national_result_against_the_communique():
    communique = report("k", "全国", 2009, [fact(status="actual", period=2009, growth=8.7)], level="national",
                        kind="other", doc_type="communique")
    good = report("a", "全国", 2010, [fact(status="actual", period=2009, growth=8.7)], level="national")
    bad = report("b", "全国", 2010, [fact(status="actual", period=2009, growth=10.7)], level="national")
    assert run("communique_agrees", [communique, good]).failed == 0
    assert failing("communique_agrees", [communique, bad]) == [("全国", 2010)]
    assert run("communique_agrees", [good]).checked == 0  # no communiqué: nothing to compare


@pytest.mark.parametrize("check_id, f, ok", [
    ("growth_bounds", fact(status="actual", period=2009, growth=9.0), True),
    ("growth_bounds", fact(status="actual", period=2009, growth=300.0), False),   # 翻两番 read as a year's growth
    ("growth_bounds", fact(status="target", growth=7.0, high=80.0), False),
    ("growth_bounds", fact(status="actual", growth=300.0, basis="cumulative"), None),  # not a year's growth
    ("growth_bounds", fact(status="actual", growth=300.0, scope="开发区"), None),      # a part of the region
    ("value_bounds", fact(status="actual", value=5.6e11, unit="元"), True),
    ("value_bounds", fact(status="actual", value=66199.0, unit="元"), False),     # a per-capita figure as GDP
    ("value_bounds", fact(metric="cpi", status="target", value=103.0, unit="%"), False),  # an index, not a rise
    ("units_fit", fact(status="actual", value=5.6e11, unit="元", growth=9.0), True),
    ("units_fit", fact(status="actual", value=12.0, unit="人"), False),
    ("units_fit", fact(metric="unemployment_rate", status="target", value=4.0, unit="元"), False),
    ("units_fit", fact(metric="resident_population", status="actual", growth=1.4, growth_unit="个百分点"), False),
])
def test_plausibility(check_id, f, ok):
    """ok: passes; False: fails; None: not a figure the check looks at."""
    result = run(check_id, [report("a", "甲市", 2010, [f])])
    assert (result.checked, result.failed) == ((0, 0) if ok is None else (1, 0 if ok else 1))


def test_a_stored_relation_is_read_back_from_the_database(tmp_path):
    """A fact field without a column (a target's `relation`, added by the extract stage) is kept in record_json's
    fact_fields; the audit reads it from there, so a relation target covers the report from a database too."""
    import json

    from luoshi.audit import records_from_store
    from luoshi.models import Fact, Meta, Report
    from luoshi.store import open_store

    text = "今年地区生产总值增长与全国同步。"
    target = Fact(metric="gdp", metric_text="地区生产总值", value=None, unit=None, value_text="与全国同步",
                  status="target", period=2010, sentence=text)
    r = Report(id="ab" * 32, source="made-by-hand", text=text, facts=[target],
               meta=Meta(region="甲市", year=2010, level="city", kind="annual", doc_type="work_report"))
    with open_store(tmp_path / "r.db") as store:
        store.add_report(r)
        assert run("gdp_target", records_from_store(store)).failed == 1
        rest = json.loads(store.query("SELECT record_json FROM reports")[0]["record_json"])
        rest["fact_fields"] = {"0": {"relation": {"to": "全国", "comparison": "同步"}}}
        store.query("UPDATE reports SET record_json = ?", (json.dumps(rest, ensure_ascii=False),))
        (record,) = records_from_store(store)
    assert record["facts"][0]["relation"] == {"to": "全国", "comparison": "同步"}
    assert run("gdp_target", [record]).failed == 0


def test_an_absence_given_with_its_sentence_also_covers():
    record = report("a", "甲市", 2020, absent=[{"metric": "gdp", "sentence": "今年不设地区生产总值增长具体目标"}])
    assert run("gdp_target", [record]).failed == 0


def test_a_relation_stored_by_this_version_is_read_back_from_the_database(tmp_path):
    """The same through add_report: fact fields without a column are packed (records.pack_extras) and the audit
    unpacks them."""
    from luoshi.audit import records_from_store
    from luoshi.models import Fact, Meta, Report
    from luoshi.store import open_store

    text = "今年地区生产总值增长与全国同步。"
    target = Fact(metric="gdp", metric_text="地区生产总值", value=None, unit=None, value_text="与全国同步",
                  status="target", period=2010, sentence=text, relation={"to": "全国", "comparison": "同步"})
    r = Report(id="cd" * 32, source="made-by-hand", text=text, facts=[target],
               meta=Meta(region="甲市", year=2010, level="city", kind="annual", doc_type="work_report"))
    with open_store(tmp_path / "r.db") as store:
        store.add_report(r)
        (record,) = records_from_store(store)
    assert record["facts"][0]["relation"] == {"to": "全国", "comparison": "同步"}
    assert run("gdp_target", [record]).failed == 0
