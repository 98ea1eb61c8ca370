"""Interface strings in Chinese (the default) and English, from data/strings.toml; report text is never translated."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import lru_cache

from .. import data_file

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
COOKIE = "lang"


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    return tomllib.loads(data_file.text(__package__, "strings.toml"))


def pick_lang(query_lang: str | None, cookie_lang: str | None) -> str:
    """?lang= wins over the cookie; anything unknown falls back to Chinese."""
    for lang in (query_lang, cookie_lang):
        if lang in LANGS:
            return lang
    return DEFAULT_LANG


def translator(lang: str) -> Callable[..., str]:
    """t(key, **fields): the string for key in lang, else in Chinese, else the key itself (so a gap shows)."""
    table = strings().get(lang, {})
    fallback = strings()[DEFAULT_LANG]

    def t(key: str, **fields: object) -> str:
        s = table.get(key) or fallback.get(key) or key
        return s.format(**fields) if fields else s

    return t
