"""First run asks what scoring needs (skills, country, rate); it can be skipped, and an
Inbox with jobs but no skills says once where to add them. The welcome suggests feeds
that suit an audio editor."""

from __future__ import annotations

from typing import Any

from textual.widgets import Button, Input, Static

from cockpit.feeds.suggestions import AUDIO_FEEDS
from cockpit.models import Job, Profile
from cockpit.store import Store
from cockpit.ui.dialogs.welcome import FirstProfileDialog, WelcomeScreen
from tests.conftest import FROZEN_NOW, in_thread, ready, settle

SIZE = (120, 40)
HINT = "Add your skills with P"


def seed_job(store: Store) -> None:
    job = Job(id="vo", title="Voice over for an ad", skills=["Voice Over"], fetched=FROZEN_NOW)
    store.jobs.upsert_many([job])


def seed_named(store: Store) -> None:
    seed_job(store)
    store.profile.save(Profile(name="Dewi", portfolio_url="https://dewi.example/work"))


def hints(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications if HINT in str(n.message)]


async def open_step(pilot: Any) -> FirstProfileDialog:
    await ready(pilot)
    await pilot.pause(0.2)
    assert isinstance(pilot.app.screen, WelcomeScreen)
    await pilot.press("p")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, FirstProfileDialog)
    return dialog


async def test_the_profile_step_fills_the_profile_and_rescores_the_inbox(make_app: Any) -> None:
    app = make_app(seed_named, first_run=True)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_step(pilot)
        inbox = app.pane("inbox")
        assert inbox.index is not None and inbox.index.score(0).total == 0
        assert dialog.query_one("#first-profile-skills", Input).has_focus
        # enter moves from field to field, and saves on the last one
        await pilot.press(*"Voice Over, Podcast Editing", "enter")
        assert dialog.query_one("#first-profile-country", Input).has_focus
        await pilot.press(*"Indonesia", "enter", *"$30", "enter")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)  # back for the next step
        status = app.screen.query_one("#welcome-profile", Static)
        assert "Profile saved: 2 skills" in str(status.content)
        saved = await in_thread(app.store.profile.get)
        assert saved.skills == ["Voice Over", "Podcast Editing"]
        assert (saved.country, saved.rate) == ("Indonesia", 30.0)
        # the fields it does not ask for are kept
        assert (saved.name, saved.portfolio_url) == ("Dewi", "https://dewi.example/work")
        assert inbox.index.score(0).total == 5  # the profile skill scores, no restart


async def test_a_wrong_rate_is_refused_as_p_refuses_it(make_app: Any) -> None:
    app = make_app(seed_job, first_run=True)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_step(pilot)
        dialog.query_one("#first-profile-skills", Input).value = "Mixing"
        dialog.query_one("#first-profile-rate", Input).value = "lots"
        dialog.query_one("#first-profile-save", Button).press()
        await settle(pilot)
        assert app.screen is dialog
        error = str(dialog.query_one("#first-profile-error").content)
        assert "rate is a number of dollars per hour" in error
        assert (await in_thread(app.store.profile.get)).skills == []


async def test_the_step_can_be_skipped(make_app: Any) -> None:
    app = make_app(seed_job, first_run=True)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_step(pilot)
        dialog.query_one("#first-profile-skills", Input).value = "Mixing"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.screen.query_one("#welcome-profile").display
        await pilot.press("p")
        await settle(pilot)
        app.screen.query_one("#first-profile-skip", Button).press()
        await settle(pilot)
        await pilot.press("escape")  # and the welcome itself closes as before
        await settle(pilot)
        assert not isinstance(app.screen, (WelcomeScreen, FirstProfileDialog))
        assert await in_thread(app.store.profile.get) == Profile()


async def test_the_step_shows_what_is_saved(make_app: Any) -> None:
    def seed(store: Store) -> None:
        store.profile.save(Profile(skills=["Mixing", "Mastering"], country="Kenya", rate=18))

    app = make_app(seed, first_run=True)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_step(pilot)
        values = [dialog.query_one(f"#first-profile-{n}", Input).value for n in dialog.FIELDS]
        assert values == ["Mixing, Mastering", "Kenya", "18"]


async def test_inbox_with_jobs_and_no_skills_points_to_p_once(make_app: Any) -> None:
    app = make_app(seed_job)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert len(hints(app)) == 1
        app.data_changed("jobs")  # another load: the hint is not repeated
        await settle(pilot)
        assert len(hints(app)) == 1


async def test_no_skills_hint_on_an_empty_inbox_or_with_skills(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert hints(app) == []

    def seed(store: Store) -> None:
        seed_job(store)
        store.profile.save(Profile(skills=["Voice Over"]))

    app = make_app(seed)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.pane("inbox").index.score(0).total == 5
        assert hints(app) == []


async def test_welcome_suggests_feeds_for_an_audio_editor(make_app: Any) -> None:
    names = " ".join(what for what, _url, _how in AUDIO_FEEDS).lower()
    assert "audio" in names and "music" in names
    urls = [url for _what, url, _how in AUDIO_FEEDS]
    assert all(u.startswith(("https://", "freelancer:")) for u in urls)
    # Each suggestion is accepted as typed, the API search too.
    from cockpit.feeds.sources import check_feed_url

    checked = [check_feed_url(u) for u in urls]
    assert checked[0] == "freelancer:audio editing" and checked[1:] == urls[1:]
    assert any("freelancer.com/rss/job_Audio" in u for u in urls)
    wwr = next(how for _what, url, how in AUDIO_FEEDS if "weworkremotely.com/remote-jobs" in url)
    assert "podcast" in wwr and "e in the Inbox" in wwr  # the all-jobs feed comes with a rule
    app = make_app(first_run=True)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.pause(0.2)
        shown = str(app.screen.query_one("#welcome-feeds").content)
        assert all(u in shown for u in urls) and "demo" in shown
