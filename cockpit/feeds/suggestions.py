"""Feeds that suit our user (an audio and music editor), suggested by the welcome and the
feeds dialog. Freelancer.com names its category feeds ``rss/job_<Category>.xml``."""

from __future__ import annotations

from cockpit.i18n import N_

# (what, url, how to use it)
AUDIO_FEEDS: tuple[tuple[str, str, str], ...] = (
    # The projects API search: it also tells how many bids a project has already.
    (N_("Freelancer.com search, with bids so far"), 'freelancer:"audio editing"', ""),
    (
        N_("Freelancer.com, Audio Services"),
        "https://www.freelancer.com/rss/job_Audio-Services.xml",
        "",
    ),
    (N_("Freelancer.com, Music"), "https://www.freelancer.com/rss/job_Music.xml", ""),
    (
        N_("We Work Remotely, all jobs"),
        "https://weworkremotely.com/remote-jobs.rss",
        N_("plus a rule (e in the Inbox): Tag audio, keywords audio, podcast, sound, mixing"),
    ),
)
