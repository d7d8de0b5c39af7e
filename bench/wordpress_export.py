"""Write a WordPress export of a real newsroom's size: `python bench/wordpress_export.py N out.xml`.

Posts in every status, nested categories, tags, several authors and Co-Authors Plus guest authors;
then time `manage.py import_wordpress out.xml` on it.
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.wxr import Post, wxr  # noqa: E402

CATEGORIES = [
    ("world", "World", ""),
    ("africa", "Africa", "world"),
    ("libya", "Libya", "africa"),
    ("business", "Business", ""),
    ("markets", "Markets", "business"),
    ("opinion", "Opinion", ""),
]
AUTHORS = [(f"writer{i}", f"Writer Number{i}") for i in range(25)]
WORDS = [
    *("talks", "ceasefire", "oil", "Tripoli", "Geneva", "delegates", "harbour"),
    *("markets", "Libya", "Egypt", "Tunisia", "minister", "vote"),
]


def export(count: int, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    guests = [
        Post(
            900000 + i,
            f"Guest Writer{i}",
            f"cap-guest{i}",
            post_type="guest-author",
            categories=[],
            meta={"cap-display_name": f"Guest Writer{i}", "cap-user_login": f"guest{i}"},
        )
        for i in range(10)
    ]
    posts = []
    for n in range(1, count + 1):
        status = rng.choices(["publish", "draft", "private", "future", "pending", "trash"], [90, 4, 2, 1, 2, 1])[0]
        year = 2010 + n * 14 // count
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 09:{rng.randint(0, 59):02d}:00"
        if status == "future":
            date = "2031-01-01 09:00:00"
        paragraphs = "\n\n".join(" ".join(rng.choices(WORDS, k=40)) + "." for _ in range(8))
        nice, name, _parent = rng.choice(CATEGORIES)
        coauthors = [rng.choice(AUTHORS)[0]] + ([f"guest{rng.randrange(10)}"] if rng.random() < 0.2 else [])
        posts.append(
            Post(
                n,
                f"Story {n}: {rng.choice(WORDS)} & {rng.choice(WORDS)}",
                f"story-{n}",
                content=paragraphs,
                status=status,
                date=date,
                categories=[(nice, name)],
                coauthors=coauthors,
                tags=[(w.lower(), w) for w in rng.sample(WORDS, 2)],
            )
        )
    return wxr([*guests, *posts], authors=AUTHORS, categories=CATEGORIES)


if __name__ == "__main__":
    Path(sys.argv[2]).write_bytes(export(int(sys.argv[1])))
