"""Writing the panel in the forms researchers use: CSV, JSON lines, Parquet, Excel and Stata (.dta, version 118,
UTF-8, with variable labels). The reading convention travels with the data: a column in every row, the dataset
label of a .dta file and the schema metadata of a Parquet file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from .panel import LABELS

FORMATS = ("csv", "jsonl", "parquet", "dta", "xlsx")
BINARY = ("parquet", "dta", "xlsx")
STATA_STR_MAX = 2045  # longer strings need Stata's strL


def stata_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Types Stata can hold: text columns as str (missing as ""), counts and offsets as doubles (missing as .)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            out[column] = series.astype("float64")
        elif series.map(lambda v: v is None or isinstance(v, float) and pd.isna(v) or isinstance(v, int | float)
                        ).all() and series.notna().any():
            out[column] = pd.to_numeric(series, errors="coerce").astype("float64")
        else:
            out[column] = series.map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
    return out


def write_panel(frame: pd.DataFrame, fmt: str, path: str | None = None) -> None:
    """Write the panel to `path` (stdout for csv/jsonl without one)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if fmt in BINARY and not path:
        raise ValueError(f"--format {fmt} needs --output FILE")
    convention = frame.attrs.get("convention", "")
    if fmt == "csv":
        frame.to_csv(path or sys.stdout, index=False)
    elif fmt == "jsonl":
        text = "".join(json.dumps({k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()},
                                  ensure_ascii=False) + "\n" for row in frame.to_dict(orient="records"))
        if path:
            Path(path).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(frame, preserve_index=False)
        meta = {**(table.schema.metadata or {}), b"luoshi.convention": convention.encode(),
                b"luoshi.labels": json.dumps(LABELS, ensure_ascii=False).encode()}
        pq.write_table(table.replace_schema_metadata(meta), path)
    elif fmt == "xlsx":
        with pd.ExcelWriter(path) as writer:
            frame.to_excel(writer, sheet_name="panel", index=False)
            pd.DataFrame({"column": list(LABELS), "label": list(LABELS.values())}).to_excel(
                writer, sheet_name="codebook", index=False)
            pd.DataFrame({"convention": [convention]}).to_excel(writer, sheet_name="convention", index=False)
    else:
        data = stata_frame(frame)
        long_text = [c for c in data.columns if data[c].dtype == object
                     and data[c].map(lambda v: len(v.encode("utf-8"))).max(initial=0) > STATA_STR_MAX]
        data.to_stata(path, write_index=False, version=118, convert_strl=long_text,
                      variable_labels={c: LABELS[c][:80] for c in data.columns if c in LABELS},
                      data_label=("luoshi panel; " + convention)[:80])
