"""The demo's job market: what each bundled feed carries, as plain data.

Dates are "days before the anchor" (``ago``), never absolute, so a demo made
today always looks recent. Podcast editing is deliberately busier in the last
few weeks than before, and music mixing a little quieter, so the Portfolio
insights have a trend to point at. A few jobs are noise (web, logo, crypto) so
triage and rules have something to do.

``budget`` is written the way each board writes it; the feed parser, not this
module, turns it into a Budget.
"""

from __future__ import annotations

from cockpit.demo.catalog_boards import ATOM_JOBS, FREELANCER_JOBS, JOBNS_JOBS, JSON_JOBS, WWR_JOBS
from cockpit.demo.catalog_types import DemoFeed, DemoJob, job

__all__ = ["ALL_JOBS", "FEEDS", "JOBS_BY_FEED", "DemoFeed", "DemoJob", "by_key"]

FEEDS: tuple[DemoFeed, ...] = (
    DemoFeed("upwork", "upwork-audio.rss", "Audio & Podcast jobs | upwork.com", "upwork"),
    DemoFeed("wwr", "wwr-all-other.rss", "We Work Remotely: All Other Remote Jobs", "wwr"),
    DemoFeed("freelancer", "freelancer-audio.rss", "Freelancer.com: Audio Services", "freelancer"),
    DemoFeed("mediajobs", "mediajobs.rss", "MediaJobs: audio & video roles", "jobns"),
    DemoFeed("proyeklepas", "proyeklepas.atom", "ProyekLepas: Audio & Musik", "atom"),
    DemoFeed("audiogigs", "remote-audio-gigs.json", "Remote Audio Gigs", "jsonfeed"),
)

HOSTILE_TITLE = "[b]Urgent[/b] mix [TODO]"

# Upwork's archived RSS: Budget or Hourly Range, Category, Skills, Country.
# The first fifteen are the jobs Dewi bid on (see seed.PROPOSALS).
UPWORK_JOBS: tuple[DemoJob, ...] = (
    job("up-weekly-interview", "Podcast editor for weekly interview show", 59.2,
        "We publish one 50-minute interview every week and need a reliable editor.\n\n"
        "- Remove ums, false starts and long pauses\n- Level both voices\n"
        "- Add intro/outro music we provide\n\nLong-term work if we click.",
        "$15.00-$25.00", hourly=True, category="Audio Editing",
        skills=("Podcast Editing", "Audio Editing", "Adobe Audition"), country="United States"),
    job("up-indie-ep", "Mix 5-song indie pop EP (stems ready)", 55.6,
        "Five songs, 30-45 stems each, recorded in a home studio. We're after a \"warm, "
        "modern\" mix. References: Phoebe Bridgers, Clairo.\n\nTwo revision rounds expected.",
        "$400", category="Music Production",
        skills=("Audio Mixing", "Music Production", "Pro Tools"), country="Australia"),
    job("up-audiobook-cleanup", "Audiobook chapter clean-up to ACX standard", 51.5,
        "Three chapters (about 2 hours) narrated at home. Need breaths tamed, mouth clicks "
        "removed and files that pass ACX checks (RMS, peak, noise floor).",
        "$120", category="Audio Editing",
        skills=("Audio Editing", "Audiobook Production", "Noise Reduction", "Mastering"),
        country="United Kingdom"),
    job("up-interview-noise", "Remove background noise from 12 interview recordings", 47.8,
        "Recorded outdoors with a lavalier mic: wind, traffic and some hum. "
        "12 files, 10-20 minutes each. iZotope RX experience preferred.",
        "$90", category="Audio Editing",
        skills=("Noise Reduction", "Audio Editing", "iZotope RX"), country="Canada"),
    job("up-master-5", "Mastering for 5 lo-fi hip-hop tracks", 44.6,
        "Loud enough for Spotify but keep the dusty vibe. WAV 24-bit masters plus MP3s.",
        "$100", category="Music Production",
        skills=("Mastering", "Music Production"), country="Germany"),
    job("up-trailer", "Podcast trailer: 60-second edit with music bed", 40.4,
        "Cut a punchy trailer from our first three episodes, add a music bed and a short "
        "voice tag. We have the music licensed already.",
        "$60", category="Audio Editing",
        skills=("Podcast Editing", "Audio Editing"), country="United States"),
    job("up-yt-vo", "Clean up voice-over for YouTube channel (ongoing)", 36.5,
        "Two videos a week, 10-15 minutes of narration each. De-noise, de-ess, level, "
        "export for our video editor. Fast turnaround matters.",
        "$10.00-$20.00", hourly=True, category="Audio Editing",
        skills=("Audio Editing", "Voice Over", "Noise Reduction"), country="United States"),
    job("up-launch", "Launch package for a new business podcast", 31.7,
        "First five episodes edited, intro/outro produced, loudness to -16 LUFS. "
        "We record remotely on Riverside.",
        "$350", category="Audio Editing",
        skills=("Podcast Editing", "Audio Mixing", "Mastering"), country="Singapore"),
    job("up-choir", "Mix a live choir recording (24 tracks)", 27.6,
        "Concert recording of a community choir with piano. Natural, roomy sound; "
        "no autotune please.",
        "$180", category="Music Production",
        skills=("Audio Mixing", "Mastering", "Live Sound"), country="Netherlands"),
    job("up-ongoing-editor", "Ongoing podcast editor, 2 episodes a week", 22.5,
        "Growing Q&A show about personal finance. Two 40-minute episodes a week, "
        "edit + mix + upload to Buzzsprout. 6-8 hours a week.",
        "$15.00-$30.00", hourly=True, category="Audio Editing",
        skills=("Podcast Editing", "Audio Editing", "Audio Mixing"), country="United States"),
    job("up-restoration", "Restore old cassette recordings of family interviews", 18.7,
        "Digitised cassettes from the 1980s: hiss, wow & flutter, some clipping. "
        "About 3 hours in total. Sentimental value, so care matters more than speed.",
        "$75", category="Audio Editing",
        skills=("Audio Restoration", "Noise Reduction", "Audio Editing"), country="Ireland"),
    job("up-three-eps", "Edit 3 episodes of a true-crime podcast", 14.4,
        "Narrative show with archival clips and music cues. Need tight pacing and "
        "clean dialogue. Test episode paid.",
        "$150", category="Audio Editing",
        skills=("Podcast Editing", "Audio Editing", "Sound Design"), country="United States"),
    job("up-elearning-vo", "Edit voice-over for e-learning course (40 modules)", 9.6,
        "Narration is recorded; we need it cut to script, cleaned and normalised "
        "to -19 LUFS mono. Spreadsheet of takes provided.",
        "$250", category="Audio Editing",
        skills=("Audio Editing", "Voice Over", "Noise Reduction"), country="India"),
    job("up-video-podcast", "Podcast editing: audio + simple video cuts", 5.3,
        "Video podcast, two cameras. Audio edit first, then simple cuts between "
        "cameras in Descript or Premiere.",
        "$20.00-$35.00", hourly=True, category="Audio Editing",
        skills=("Podcast Editing", "Video Editing", "Descript"), country="United Kingdom"),
    job("up-clips", "Cut 10 short podcast clips for social media", 2.4,
        "Pick the best 30-60 second moments from our last episodes, clean audio, "
        "export vertical audiograms.",
        "$80", category="Audio Editing",
        skills=("Podcast Editing", "Audio Editing"), country="Malaysia"),
    job("up-bilingual", "Podcast editor for Indonesian-English bilingual show", 1.2,
        "Our show switches between Bahasa Indonesia and English. Looking for an editor "
        "who understands both so the cuts land in the right places. 4 episodes a month.",
        "$200", category="Audio Editing",
        skills=("Podcast Editing", "Audio Editing", "Indonesian"), country="Singapore"),
    job("up-urgent-mix", HOSTILE_TITLE, 0.3,
        "Need a quick mix of a 3-minute acoustic song TODAY. Vocals + guitar, 6 tracks. "
        "Title says [TODO] because we have not named it yet.",
        "$50", category="Music Production",
        skills=("Audio Mixing", "Mastering"), country="United States"),
    job("up-sermon", "Weekly sermon audio clean-up and upload", 3.1,
        "Every Monday: clean up Sunday's sermon recording (about 40 minutes), "
        "remove dead air, upload to our podcast host.",
        "$8.00-$12.00", hourly=True, category="Audio Editing",
        skills=("Podcast Editing", "Audio Editing", "Noise Reduction"), country="United States"),
    job("up-descript", "Descript editor for interview podcast", 4.2,
        "We edit by transcript in Descript. Need someone fast with Studio Sound and "
        "Overdub to tidy 45-minute interviews, plus a video version.",
        "$120", category="Audio Editing",
        skills=("Podcast Editing", "Descript", "Video Editing"), country="Canada"),
    job("up-game-sfx", "Sound designer for mobile game (50 SFX)", 6.8,
        "Casual puzzle game: UI clicks, rewards, ambience loops. Deliver as OGG.",
        "$300", category="Sound Design",
        skills=("Sound Design", "Sound Effects", "Game Audio"), country="Finland"),
    job("up-vo-indo", "Female voice-over, Indonesian, 2-minute explainer", 7.5,
        "Friendly, clear voice for a fintech app explainer. Script is ready; "
        "we need raw and cleaned files.",
        "$100", category="Voice Talent",
        skills=("Voice Over", "Indonesian"), country="Indonesia"),
    job("up-show-notes", "Podcast editing + show notes for health podcast", 8.9,
        "Weekly 30-minute episodes. Edit, master, and write short show notes with "
        "timestamps.",
        "$12.00-$20.00", hourly=True, category="Audio Editing",
        skills=("Podcast Editing", "Mastering", "Content Writing"), country="Australia"),
    job("up-crypto", "Crypto podcast editor needed - paid in tokens", 11.2,
        "Fast-growing crypto show. Payment in our project token after launch.",
        "$50", category="Audio Editing",
        skills=("Podcast Editing",), country="Unknown"),
    job("up-test-task", "Audio editor - unpaid test task first", 12.6,
        "Before hiring we ask all applicants for an unpaid test task: edit a "
        "20-minute episode. Best one gets the gig.",
        "$30", category="Audio Editing",
        skills=("Audio Editing", "Podcast Editing"), country="United States"),
    job("up-logo", "Logo design for podcast cover art", 16.3,
        "Square cover art, 3000x3000, bold and readable at small sizes.",
        "$75", category="Graphic Design",
        skills=("Logo Design", "Graphic Design", "Adobe Illustrator"), country="Spain"),
    job("up-wordpress", "WordPress site for podcast (episode pages)", 20.8,
        "Theme setup, episode pages from RSS, newsletter signup.",
        "$25.00-$45.00", hourly=True, category="Web Development",
        skills=("WordPress", "Web Development", "PHP"), country="United States"),
    job("up-rnb", "Mix and master R&B single", 55.3,
        "One song, 28 stems, vocals need tuning and a polished modern sound.",
        "$150", category="Music Production",
        skills=("Audio Mixing", "Mastering", "Vocal Tuning"), country="United States"),
    job("up-yt-clips", "Video editor for YouTube podcast clips", 3.8,
        "Turn long-form video podcast into 8-10 clips a week with captions.",
        "$15.00-$25.00", hourly=True, category="Video Editing",
        skills=("Video Editing", "Adobe Premiere Pro", "Podcast Editing"), country="Germany"),
    job("up-trailer-sfx", "Sound design for a 90-second game trailer", 43.5,
        "Whooshes, impacts, UI sounds and a final mix against our music track.",
        "$200", category="Sound Design",
        skills=("Sound Design", "Sound Effects", "Audio Mixing"), country="Poland"),
    job("up-transcribe", "Transcribe 5 hours of interviews", 62.4,
        "Clean verbatim, speaker labels, timestamps every 2 minutes.",
        "$60", category="Transcription",
        skills=("Transcription", "English"), country="United States"),
    job("up-hiphop-album", "Mixing engineer for hip-hop album (10 tracks)", 66.0,
        "Independent artist, 10 tracks, stems ready. Hard-hitting but clean.",
        "$800", category="Music Production",
        skills=("Audio Mixing", "Music Production", "Mastering"), country="United States"),
    job("up-edm-master", "Mastering engineer for EDM releases (monthly)", 72.1,
        "Label releasing 4-6 tracks a month. Looking for a regular mastering engineer.",
        "$20.00-$40.00", hourly=True, category="Music Production",
        skills=("Mastering", "Electronic Music"), country="Netherlands"),
    job("up-language-pod", "Edit 4 episodes of a language-learning podcast", 78.3,
        "Dialogues in Spanish and English. Tidy edits and consistent levels.",
        "$160", category="Audio Editing",
        skills=("Podcast Editing", "Audio Editing"), country="Mexico"),
    job("up-kids-audiobook", "Narration editing for children's audiobook", 84.5,
        "Ten short stories, one narrator, light sound effects wanted.",
        "$200", category="Audio Editing",
        skills=("Audio Editing", "Audiobook Production", "Sound Effects"),
        country="United Kingdom"),
)  # fmt: skip

JOBS_BY_FEED: dict[str, tuple[DemoJob, ...]] = {
    "upwork": UPWORK_JOBS,
    "wwr": WWR_JOBS,
    "freelancer": FREELANCER_JOBS,
    "mediajobs": JOBNS_JOBS,
    "proyeklepas": ATOM_JOBS,
    "audiogigs": JSON_JOBS,
}

ALL_JOBS: tuple[DemoJob, ...] = tuple(j for jobs in JOBS_BY_FEED.values() for j in jobs)

_BY_KEY: dict[str, DemoJob] = {j.key: j for j in ALL_JOBS}


def by_key(key: str) -> DemoJob:
    return _BY_KEY[key]
