"""Signals tagging sends, for the apps above it."""

from django.dispatch import Signal

# A user's tagging run added tags to articles. Keyword arguments: `added`, the names added to
# each article that got any ({article id: [names]}), and `user`. Editorial keeps it in their history.
articles_tagged = Signal()

# Tags are about to be merged into one: `target` (an Actor or Country) and `others`, the tags folded
# into it, still in the database with their stories. Redirects leads their pages to the target's.
tags_merged = Signal()
