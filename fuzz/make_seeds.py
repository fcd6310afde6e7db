#!/usr/bin/env python3
"""Writes the seed corpus in fuzz/corpus/: small pieces of the real stories in
../shared/corpus (when it is there) and hand-made inputs for each fuzz target. Run it
again after adding a case; the fuzzers' own finds are not kept here, only these seeds and
the inputs that once crashed a target (fuzz/corpus/*/regression-*)."""

import pathlib

FUZZ = pathlib.Path(__file__).resolve().parent
STORIES = FUZZ.parent.parent / "shared" / "corpus"
CORPUS = FUZZ / "corpus"

# Text seeds shared by the decode, header, document and story targets.
TEXTS = {
    "odd-labels": "Tittle: Stand by Me\nAuthr: Kay\nRaiting: PG-13 for language\n"
    "Warnigns: MCD, non-con (not graphic)\n summary: she waits.\nSumary:\n  wrapped onto\n"
    "  the next line\nPairing: none\nStatus: WIP\nCrossover with Red Shoe Diaries\n\n"
    "Once there was a story.\n",
    "title-by-author": "In Bits and Pieces by Aileen E.\n\nRating: NC-17\n\n~*~*~\n\nIt began.\n",
    "bare-title-by-line": "The Long Way\nby Someone\n\nAuthor: Someone Else\n\nText.\n",
    "scene-breaks": "One.\n\n* * *\n\nTwo.\n\noOo\n\nxXx\n\n~~~~~\n\n-----\n\n? ? ? ?\n\n"
    "...\n\n∞  ∞  ∞\n\n#\n\n'\n\no0o0o\n\nOoO\n\nThree.\n\n\n\n\nFour.\n\n*\n",
    "nested-breaks": "Start.\n\n" + "\n".join(("*" * n).center(40) for n in range(1, 30)) + "\nEnd.\n",
    "headings": "Chapter 1\nThe Beginning\n\nText.\n\nPart 3 of 5\n\nCHAPTER TWELVE: Home\n\n"
    "Chapter 12.\n\nIt went on.\n\nPrologue\n\n1/3\n\nII.\n\nThe End\n",
    "contents": "TABLE OF CONTENTS\n\n\tChapter 1\n\tChapter 2\n\nChapter 1\n\nA.\n\nChapter 2\n\nB.\n",
    "notes-endings": "A/N: Written for a prompt.\n\nText here.\n\nTBC\n\nEnd file.\n\n"
    "(to be continued)\n",
    "verse": "She sang:\n  Oh the river\n  runs so deep\n  and the night\n  won't let me sleep\n\n"
    "\"Yes.\"\n\"No.\"\n\"Maybe.\"\n",
    "wrapped": "The rain came down on the town all night and nobody went\nout to see it, "
    "except for the old man who kept the lamps and\nwho never slept anyway, not since the "
    "war, not since the\nletters stopped coming.\n\nNext paragraph here, also wrapped at "
    "seventy-two\ncharacters or so, like a mailing list would do it.\n",
    "hyphen-wrap": "It was a long-\nawaited day, and every-\nbody knew it.\n",
    "empty": "",
    "blank-lines": "\n \n\t\n\u00a0\n\u200b\n",
}


def write(target: str, name: str, data: bytes) -> None:
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def text_seeds() -> dict[str, bytes]:
    seeds = {name: text.encode() for name, text in TEXTS.items()}
    piece = TEXTS["odd-labels"] + TEXTS["scene-breaks"]
    seeds["utf8-bom"] = b"\xef\xbb\xbf" + piece.encode()
    seeds["utf16le-bom"] = b"\xff\xfe" + piece.encode("utf-16-le")
    seeds["utf16be-bom"] = b"\xfe\xff" + piece.encode("utf-16-be")
    seeds["utf16le-no-bom"] = piece.encode("utf-16-le")
    seeds["utf16be-no-bom"] = piece.encode("utf-16-be")
    seeds["utf16-odd-length"] = b"\xff\xfe" + "Title: Odd\n".encode("utf-16-le") + b"\x00"
    seeds["windows-1252"] = (
        b"Title: Caf\xe9 Nights\r\nRating: R\r\n\r\nShe said \x93hello\x94 \x96 and left\x85\r\n"
    )
    seeds["latin1-cyrillic"] = "Название: Ночь\n\nТекст.\n".encode("koi8-r")
    seeds["crlf-mixed"] = b"Title: Mixed\r\nAuthor: M\n\rText one.\r\rText two.\n\r\n* * *\r\nEnd.\r"
    seeds["damaged-utf8"] = "Café au lait, naïve résumé\n".encode() + b"\xc3(\xa0\xff middle\n"
    seeds["control-codes"] = b"Title: Ctl\x0c\n\x1b[31mred\x1b[0m\x7f\x01\x02\n\xc2\x85next"
    seeds["nul-bytes"] = b"Title: X\x00\x00\x00" + bytes(range(256))
    seeds["jpeg-header"] = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(64)
    return seeds


def story_pieces() -> dict[str, bytes]:
    """The start, a middle piece and the end of each real story, about 1.5 KB each."""
    pieces = {}
    if not STORIES.is_dir():
        return pieces
    for path in sorted(STORIES.glob("*.txt")):
        data = path.read_bytes()
        stem = path.stem.split("_")[0]
        mid = len(data) // 2
        for where, chunk in (("start", data[:1500]), ("middle", data[mid : mid + 1500]), ("end", data[-1500:])):
            pieces[f"story-{stem}-{where}"] = chunk
    return pieces


VALID_SETTINGS = """(
    collection_dir: Some("/home/reader/Stories"),
    typography: (
        font: Custom("/fonts/My Font.ttf"),
        size: 21.5,
        line_height: 1.6,
        paragraph_spacing: 0.5,
        first_line_indent: true,
        justify: true,
        column_chars: 70,
        margin: 3.0,
    ),
    theme: Sepia,
    ui_scale: 1.25,
    reading_mode: Paged,
    sort: RecentlyRead,
    words_per_minute: 300,
    filters: (
        max_rating: teen,
        show_not_rated: false,
        excluded: [character_death, rape_noncon],
        excluded_phrases: ["major character death", "snake"],
        unknowns: Hide,
        hidden_rows: Vanish,
        hide_warnings: true,
    ),
)
"""

SETTINGS = {
    "valid": VALID_SETTINGS,
    "defaults-only": "()",
    "unknown-fields": "(typography: (size: 30.0), from_the_future: [1, 2], theme: Dark)",
    "out-of-range": "(typography: (size: 400.0, column_chars: 5, line_height: -1.0, margin: NaN),"
    " words_per_minute: 0, ui_scale: inf)",
    "truncated": VALID_SETTINGS[: len(VALID_SETTINGS) // 2],
    "wrong-types": '(typography: (size: "big"), theme: 7, filters: [])',
    "unknown-variant": "(theme: Neon, sort: Random, typography: (font: Comic))",
    "not-ron": "{\"theme\": \"Dark\"}",
    "deep-nesting": "(collection_dir: " + "Some(" * 200 + '"x"' + ")" * 200 + ")",
    "empty": "",
}

READING = {
    "valid": "(stories: {\"0123456789abcdef0123456789abcdef\": (place: (block: 12, within: 0.5,"
    " progress: 0.25), last_opened_secs: 1700000000, finished: false), \"ffff\": (finished: true)})",
    "empty-log": "()",
    "unknown-fields": "(stories: {\"a\": (place: (block: 1, zoom: 2.0), colour: \"red\")}, version: 9)",
    "out-of-range": "(stories: {\"a\": (place: (block: 18446744073709551615, within: -5.0,"
    " progress: 7.0))})",
    "truncated": "(stories: {\"a\": (place: (block: 1",
    "wrong-types": "(stories: [1, 2, 3])",
}


def main() -> None:
    texts = text_seeds()
    texts.update(story_pieces())
    for target in ("decode", "header", "document", "story"):
        for name, data in texts.items():
            write(target, name, data)
    for name, text in SETTINGS.items():
        write("settings", name, text.encode())
    for name, text in READING.items():
        write("reading_state", name, text.encode())


if __name__ == "__main__":
    main()
