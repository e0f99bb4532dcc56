"""Generate a corpus of bad inputs for ``storyline add`` and ``POST /api/documents``.

Every case is made here from a seed (nothing is downloaded or read from elsewhere), so the
soak (``benchmarks/fuzz_soak.py``) and its CI sample (``tests/test_fuzz_sample.py``) see
the same inputs. Families: binary data, truncated files, bombs (compressed, quadratic,
event-dense), encodings, huge files, deep nesting, odd URLs and odd publication dates.
"""

from __future__ import annotations

import gzip
import random
from collections.abc import Iterator
from dataclasses import dataclass

FAMILIES = ("binary", "truncated", "bomb", "encoding", "huge", "deep", "url", "date")

SENTENCES = (
    "On Monday police detained 12 protesters in Kazan, officials said.",
    "Two days later, about 40 people were killed in Samara, according to the ministry.",
    "The governor denied that recruiters had visited the prison last summer.",
    "Rights groups said at least 300 inmates had signed contracts since March 2023.",
    "A spokesman for the prison service declined to comment on Tuesday.",
)
#: Publication dates at and beyond the edges of the calendar, and malformed ones.
ODD_DATES = ("9999-12-31", "0001-01-01", "1970-01-01", "2000-02-29", "9999-01-01")
BAD_DATES = ("2024-02-30", "99999-01-01", "0000-00-00", "24-6-1", "tomorrow", "2024-13-01")
ODD_URLS = (
    "http://0177.0.0.1/x",
    "http://2130706433/x",
    "http://0x7f.1/x",
    "http://[::1/",
    "http://[::127.0.0.1]/x",
    "http://[::ffff:127.0.0.1]/x",
    "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
    "http://[2002:7f00:1::]/x",
    "http://a..b/",
    "http://１２７.0.0.1/",
    "http://127.0.0.1:99999/",
    "http://user@127.0.0.1/x",
    "http://127.0.0.1\\@example.org/",
    "http:///nohost",
    "http://:80/",
    "https://exa mple.org/",
    "http://%31%32%37.0.0.1/",
    "http://xn--/x",
    "http://" + "a" * 300 + ".example/",
    "http://" + "a." * 140 + "example/",
    "http://localhost/x",
    "http://0/x",
    "http://169.254.169.254/latest/meta-data/",
    "http://example.invalid/x",
    "http://[fe80::1%25eth0]/x",
    "HTTP://LOCALHOST/x",
    "http://exam\x00ple.org/",
    "http://example.org/\r\nX-Injected: 1",
)


@dataclass(frozen=True)
class Case:
    """One bad input: a file's bytes, or a URL, maybe with a publication date."""

    name: str
    family: str
    data: bytes | None = None
    url: str | None = None
    published: str | None = None

    @property
    def is_url(self) -> bool:
        return self.url is not None


def corpus(count: int = 2_000, seed: int = 15, max_bytes: int = 2_000_000) -> list[Case]:
    """``count`` cases spread over the families, the same for the same arguments."""
    rng = random.Random(seed)
    makers = [_binary, _truncated, _bomb, _encoding, _huge, _deep, _url, _date]
    cases: list[Case] = []
    streams = [maker(rng, max_bytes) for maker in makers]
    while len(cases) < count:
        for stream in streams:
            if len(cases) == count:
                break
            family, data, url, published = next(stream)
            cases.append(Case(f"case-{len(cases):05d}", family, data, url, published))
    return cases


def sample(size: int = 50, seed: int = 15) -> list[Case]:
    """A small, family-balanced slice of the corpus (the CI guard)."""
    return corpus(size, seed, max_bytes=200_000)


Made = Iterator[tuple[str, bytes | None, str | None, str | None]]


def _text(rng: random.Random, sentences: int) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(sentences))


def _binary(rng: random.Random, _max: int) -> Made:
    heads = [b"\x89PNG\r\n\x1a\n", b"%PDF-1.7\n", b"PK\x03\x04", b"\x7fELF", b"GIF89a", b""]
    while True:
        size = rng.choice([1, 3, 64, 4096, 70_000])
        body = bytes(rng.getrandbits(8) for _ in range(min(size, 4096))) * max(1, size // 4096)
        yield "binary", rng.choice(heads) + body, None, None


def _truncated(rng: random.Random, _max: int) -> Made:
    while True:
        html = (
            "<!doctype html><html><head><meta charset='utf-8'><title>Аресты в Казани</title>"
            f"</head><body><article><p>{_text(rng, 6)}</p><p>Полиция задержала 12 человек."
            "</p></article></body></html>"
        ).encode()
        cut = rng.randrange(1, len(html))
        choice = rng.randrange(4)
        if choice == 0:
            data = html[:cut]
        elif choice == 1:
            data = gzip.compress(html)[: rng.randrange(2, 40)]
        elif choice == 2:
            data = "Заголовок\n\nПолиция задержала".encode()[:-1]  # a cut multibyte char
        else:
            data = html[:cut] + b"\xf0\x9f"  # ends in half an emoji
        yield "truncated", data, None, None


def _bomb(rng: random.Random, max_bytes: int) -> Made:
    while True:
        choice = rng.randrange(7)
        if choice == 0:
            data = ("&" * rng.choice([10_000, 40_000])).encode()
        elif choice == 1:
            data = gzip.compress(b"\0" * min(max_bytes * 4, 50_000_000))  # a .txt that is gzip
        elif choice == 2:
            data = ("Dense\n\n" + _text(rng, rng.choice([400, 1_200]))).encode()
        elif choice == 3:
            data = ("x" * rng.choice([50_000, 200_000]) + " police detained 5.").encode()
        elif choice == 4:
            data = ("(" * 20_000 + "12 people" + ")" * 20_000).encode()
        elif choice == 5:
            data = ("Names\n\n" + ", ".join(f"Ivan Petrov{i}" for i in range(3_000))).encode()
        else:
            data = ("1" * 5_000 + " people were detained, 2" * 500).encode()
        yield "bomb", data, None, None


def _encoding(rng: random.Random, _max: int) -> Made:
    russian = "Аресты\n\nПолиция задержала 12 человек в Казани в понедельник."
    while True:
        choice = rng.randrange(12)
        text = _text(rng, 4)
        if choice == 0:
            data = russian.encode(rng.choice(["cp1251", "koi8_r", "iso8859_5", "utf-16"]))
        elif choice == 1:
            data = ("Заголовок\n\n" + text).encode("utf-16-le")  # no BOM
        elif choice == 2:
            data = text.encode() + bytes([0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xFF])  # invalid UTF-8
        elif choice == 3:
            data = ("Title \u202egpj.exe\u202c\n\n" + text).encode()
        elif choice == 4:
            data = ("\u200b\u200d\u2060 \u00a0\n" * rng.randrange(1, 50)).encode()
        elif choice == 5:
            data = (text[:20] + "\x00" + text[20:]).encode()
        elif choice == 6:
            data = ("Z\u0336\u0301\u0315" * 2_000 + " " + text).encode()
        elif choice == 7:
            data = ("It was a long summer.</p> " + text + " Autumn/ came.").encode()
        elif choice == 8:
            data = ("عنوان\n\n" + "اعتقلت الشرطة 12 متظاهرا يوم الاثنين. " * 20).encode()
        elif choice == 9:
            data = "逮捕\n\n警察は月曜日に12人を拘束した。".encode("shift_jis")
        elif choice == 10:
            data = b"\xef\xbb\xbf" + b"\xff\xfe" + text.encode("utf-16-le")  # two BOMs
        else:
            data = "".join(
                chr(rng.choice([0x1F600, 0x10FFFF, 0xFFFE, 0x85, 0x2028])) for _ in range(500)
            ).encode("utf-8", "surrogatepass")
        yield "encoding", data, None, None


def _huge(rng: random.Random, max_bytes: int) -> Made:
    while True:
        choice = rng.randrange(3)
        if choice == 0:
            data = b"words " * (max_bytes // 6 + 2)  # just over the cap
        elif choice == 1:
            data = (_text(rng, 10) + "\n\n").encode() * (max_bytes // 700)  # near the cap
        else:
            data = b"\n" * (max_bytes - 10) + b"Police."
        yield "huge", data, None, None


def _deep(rng: random.Random, _max: int) -> Made:
    paragraph = f"<p>{SENTENCES[0]} {SENTENCES[3]}</p>"
    while True:
        depth = rng.choice([255, 256, 1_000, 30_000])
        tag = rng.choice(["div", "span", "table><tr><td", "ul><li", "blockquote", "b"])
        opening = "".join(f"<{t}>" for t in tag.split("><"))
        closing = "".join(f"</{t}>" for t in reversed(tag.split("><")))
        html = "<html><head><title>Deep</title></head><body>" + opening * depth + paragraph * 3
        yield "deep", (html + closing * depth + "</body></html>").encode(), None, None


def _url(rng: random.Random, _max: int) -> Made:
    index = 0
    while True:
        url = ODD_URLS[index % len(ODD_URLS)]
        if index >= len(ODD_URLS):  # variations: paths, queries, fragments, schemes
            url = rng.choice(
                [
                    url + "?" + "a=1&" * rng.randrange(1, 200),
                    url + "#" + "x" * rng.randrange(1, 500),
                    rng.choice(["ftp", "file", "gopher", "javascript", "data"]) + ":" + url[5:],
                    url.upper(),
                ]
            )
        index += 1
        yield "url", None, url, None


def _date(rng: random.Random, _max: int) -> Made:
    relative = (
        "Arrests\n\nYesterday police detained five people. Last year three died there; "
        "a trial is due next week and the verdict in two months, officials said."
    )
    while True:
        published = rng.choice(ODD_DATES)
        text = relative + f" ({rng.randrange(10**9)})"  # distinct bytes, not duplicates
        yield "date", text.encode(), None, published
