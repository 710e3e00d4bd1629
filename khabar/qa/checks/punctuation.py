"""``punctuation``: Latin «,» «;» «?» in Arabic sentences, a space before «،» «؛» «؟»,
unpaired brackets or quotation marks, doubled spaces."""

import re

from khabar.arabic.words import LETTERS

from ..findings import ERROR, Finding
from ..story import Pair, Story, not_prose_spans

CODE = "punctuation"
_ARABIC_LETTER = re.compile(f"[{LETTERS}]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_LATIN_MARK = re.compile(r"[,;?]")
_SPACE_BEFORE_MARK = re.compile(r"[ \t\u00a0]+[،؛؟]")
_DOUBLED_SPACE = re.compile(r"(?<=\S)[ \t\u00a0]{2,}(?=\S)")
_ARABIC_EQUIVALENT = {",": "،", ";": "؛", "?": "؟"}
_PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»", "“": "”"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_BRACKET = re.compile(r'[()\[\]{}«»“”"]')


def check(story: Story, pair: Pair):
    text = pair.target
    if not text.strip():
        return
    skip = not_prose_spans(text)
    yield from _latin_marks(pair, text, skip)
    # Both patterns need a space, a tab or a no-break space beside another character
    # that plain substring tests find far quicker than the patterns can rule them out.
    odd_space = "\t" in text or "\u00a0" in text
    if odd_space or " ،" in text or " ؛" in text or " ؟" in text:
        for m in _SPACE_BEFORE_MARK.finditer(text):
            mark = m.group()[-1]
            yield Finding(CODE, ERROR, pair.index, m.start(), m.end(), f"مسافة زائدة قبل «{mark}»")
    if odd_space or "  " in text:
        for m in _DOUBLED_SPACE.finditer(text):
            yield Finding(CODE, ERROR, pair.index, m.start(), m.end(), "مسافتان متتاليتان أو أكثر")
    following = story.target[pair.index + 1] if pair.index + 1 < len(story.target) else ""
    yield from _unpaired(pair, text, skip, following.lstrip()[:1])


def _latin_marks(pair, text, skip):
    for m in _LATIN_MARK.finditer(text):
        p = m.start()
        if any(a <= p < b for a, b in skip):
            continue
        mark = m.group()
        if mark == "," and p and p + 1 < len(text) and text[p - 1].isdigit() and text[p + 1].isdigit():
            continue  # «1,500»
        before = _nearest_letter(text, p - 1, -1)
        after = _nearest_letter(text, p + 1, 1)
        arabic_before = before is not None and _ARABIC_LETTER.match(before)
        arabic_after = after is not None and _ARABIC_LETTER.match(after)
        if arabic_before or (mark != "?" and arabic_after):
            yield Finding(
                CODE,
                ERROR,
                pair.index,
                p,
                p + 1,
                f"علامة لاتينية «{mark}» في جملة عربية؛ الصواب «{_ARABIC_EQUIVALENT[mark]}»",
            )


def _nearest_letter(text: str, i: int, step: int) -> str | None:
    while 0 <= i < len(text):
        c = text[i]
        if c.isalpha():
            return c
        if c in "\n":
            return None
        i += step
    return None


def _unpaired(pair, text, skip, next_opening):
    stack: list[tuple[str, int]] = []
    straight: list[int] = []
    for m in _BRACKET.finditer(text):
        i, c = m.start(), m.group()
        if c == '"':
            if not any(a <= i < b for a, b in skip):
                straight.append(i)
        elif c in _PAIRS:
            stack.append((c, i))
        elif c in _CLOSERS:
            if stack and stack[-1][0] == _CLOSERS[c]:
                stack.pop()
            elif any(opener == _CLOSERS[c] for opener, _ in stack):
                while stack[-1][0] != _CLOSERS[c]:
                    yield _unpaired_finding(pair, *stack.pop())
                stack.pop()
            else:
                yield _unpaired_finding(pair, c, i)
    for opener, i in stack:
        # A quotation running on into the next paragraph reopens it there, as copy does.
        if opener in ("«", "“") and next_opening == opener:
            continue
        yield _unpaired_finding(pair, opener, i)
    if len(straight) % 2 and not (next_opening == '"' and len(straight) == 1):
        yield _unpaired_finding(pair, '"', straight[-1])


def _unpaired_finding(pair, mark: str, i: int) -> Finding:
    return Finding(CODE, ERROR, pair.index, i, i + 1, f"«{mark}» بلا ما يقابلها")
