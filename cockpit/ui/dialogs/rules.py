"""Rules: keywords, skills, budgets and countries that score, tag or dismiss jobs.

Every problem ``validate_rule`` finds is shown in the dialog and the rule is
not saved until it is fixed. Returns True when rules changed (rescore).
"""

from __future__ import annotations

from typing import ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from cockpit.feeds.conditions import split_conditions
from cockpit.i18n import N_, _
from cockpit.models import Rule, RuleAction, new_id
from cockpit.text import clean_line
from cockpit.ui.dialogs.base import Dialog
from cockpit.ui.dialogs.writes import ListWrites
from cockpit.ui.widgets.keys import KeyOptionList

ACTIONS: tuple[tuple[str, RuleAction], ...] = (
    (N_("Score: add (or subtract) points"), "score"),
    (N_("Tag: put matching jobs in a tag view"), "tag"),
    (N_("Dismiss: hide matching jobs"), "dismiss"),
)
_LISTS = (
    ("include", N_("Include keywords (any), e.g. podcast, mixing")),
    ("exclude", N_("Exclude keywords (none of), e.g. unpaid, test task")),
    ("skills", N_("Skills (any), e.g. Audio Editing")),
    ("allow_countries", N_("Only these countries, e.g. United States, Australia")),
    ("block_countries", N_("Never these countries")),
)


def split_list(raw: str) -> list[str]:
    return list(dict.fromkeys(t for t in (clean_line(p) for p in raw.split(",")) if t))


def parse_money(raw: str, label: str) -> float | None:
    text = raw.strip().lstrip("$").replace(",", "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(
            _("{field} must be a number of US dollars, like 200 (or empty).").format(field=label)
        ) from None


def summary(rule: Rule) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(clean_line(rule.name) or _("(unnamed)"), style="bold" if rule.enabled else "dim")
    if rule.action == "score":
        points = _("{points} pts").format(points=f"{rule.points:+d}")
        text.append(f"  {points}", style="green" if rule.points > 0 else "red")
    elif rule.action == "tag":
        text.append("  " + _("tag #{tag}").format(tag=clean_line(rule.tag)), style="cyan")
    else:
        text.append("  " + _("dismiss"), style="red")
    if not rule.enabled:
        text.append("  " + _("(off)"), style="dim")
    what = [*rule.include, *(f"-{k}" for k in rule.exclude), *rule.skills]
    if rule.min_fixed is not None:
        what.append(_("fixed>={amount}").format(amount=f"${rule.min_fixed:g}"))
    if rule.min_hourly is not None:
        what.append(_("hourly>={amount}/h").format(amount=f"${rule.min_hourly:g}"))
    text.append("  " + clean_line(", ".join(what)), style="dim")
    return text


class RulesDialog(Dialog[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", _("Close"), id="rules.close"),
        Binding("ctrl+s", "save", _("Save rule"), id="rules.save"),
    ]
    DEFAULT_CSS = """
    RulesDialog > VerticalScroll { width: 100; border: round $accent; padding: 0 1; }
    RulesDialog OptionList { height: auto; max-height: 10; margin-bottom: 1; }
    RulesDialog Horizontal { height: auto; }
    RulesDialog Horizontal > * { width: 1fr; }
    RulesDialog Button { width: auto; margin-right: 1; }
    RulesDialog #rule-message { height: auto; margin: 1 0; }
    """

    def __init__(self, rules: list[Rule], writes: ListWrites) -> None:
        super().__init__()
        self.writes = writes
        self.rules = list(rules)
        self.selected: str | None = None
        self.changed = False

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(Text(_("Rules"), style="bold"))
            yield KeyOptionList(id="rules-list")
            yield Input(placeholder=_("Rule name, e.g. Podcasts"), id="rule-name")
            for name, hint in _LISTS:
                yield Input(placeholder=_(hint), id=f"rule-{name}")
            yield Input(
                placeholder=_(
                    "What the job page says, ; between: connects <= 8; payment_verified = yes"
                ),
                id="rule-conditions",
            )
            with Horizontal():
                yield Input(placeholder=_("Min fixed budget (USD)"), id="rule-min_fixed")
                yield Input(placeholder=_("Min hourly rate (USD)"), id="rule-min_hourly")
            with Horizontal():
                yield Select(
                    [(_(label), action) for label, action in ACTIONS],
                    value="score",
                    allow_blank=False,
                    id="rule-action",
                )
                yield Input(value="10", placeholder=_("Points, e.g. 15 or -10"), id="rule-points")
                yield Input(placeholder=_("Tag (for tag rules)"), id="rule-tag")
            yield Checkbox(_("Enabled"), value=True, id="rule-enabled")
            yield Static("", id="rule-message")
            with Horizontal():
                yield Button(_("Save rule"), id="rule-save", variant="primary")
                yield Button(_("New"), id="rule-new")
                yield Button(_("Delete"), id="rule-delete", variant="error")
                yield Button(_("Close"), id="rules-close")

    def on_mount(self) -> None:
        self._show_list()
        self.query_one("#rule-name", Input).focus()

    def _show_list(self) -> None:
        options = self.query_one("#rules-list", OptionList)
        options.clear_options()
        if not self.rules:
            options.add_option(
                Option(
                    Text(_("No rules yet: fill in the form and press Save rule."), style="dim"),
                    disabled=True,
                )
            )
        for rule in self.rules:
            options.add_option(Option(summary(rule), id=rule.id))

    def _input(self, name: str) -> Input:
        return self.query_one(f"#rule-{name}", Input)

    @on(OptionList.OptionHighlighted, "#rules-list")
    def _picked(self, event: OptionList.OptionHighlighted) -> None:
        rule = next((r for r in self.rules if r.id == event.option.id), None)
        if rule is None:
            return
        self.selected = rule.id
        self._input("name").value = rule.name
        for name, _hint in _LISTS:
            self._input(name).value = ", ".join(getattr(rule, name))
        self._input("conditions").value = "; ".join(rule.conditions)
        self._input("min_fixed").value = "" if rule.min_fixed is None else f"{rule.min_fixed:g}"
        self._input("min_hourly").value = "" if rule.min_hourly is None else f"{rule.min_hourly:g}"
        self.query_one("#rule-action", Select).value = rule.action
        self._input("points").value = str(rule.points)
        self._input("tag").value = rule.tag
        self.query_one("#rule-enabled", Checkbox).value = rule.enabled

    def say(self, message: str, *, error: bool = False) -> None:
        self.query_one("#rule-message", Static).update(
            Text(message, style="bold red" if error else "green")
        )

    @property
    def message(self) -> str:
        return str(self.query_one("#rule-message", Static).content)

    def rule_from_form(self) -> Rule:
        """The rule the form describes; ValueError listing every problem."""
        from cockpit.feeds.rules import validate_rule

        problems: list[str] = []
        values: dict[str, float | None] = {}
        for name, label in (
            ("min_fixed", _("Minimum fixed budget")),
            ("min_hourly", _("Minimum hourly rate")),
        ):
            try:
                values[name] = parse_money(self._input(name).value, label)
            except ValueError as err:
                problems.append(str(err))
                values[name] = None
        raw_points = self._input("points").value.strip() or "0"
        try:
            points = int(raw_points)
        except ValueError:
            problems.append(_("Points must be a whole number, like 15 or -10."))
            points = 0
        action = self.query_one("#rule-action", Select).value
        rule = Rule(
            id=self.selected or new_id(),
            name=clean_line(self._input("name").value),
            include=split_list(self._input("include").value),
            exclude=split_list(self._input("exclude").value),
            skills=split_list(self._input("skills").value),
            min_fixed=values["min_fixed"],
            min_hourly=values["min_hourly"],
            allow_countries=split_list(self._input("allow_countries").value),
            block_countries=split_list(self._input("block_countries").value),
            conditions=split_conditions(clean_line(self._input("conditions").value)),
            action=cast("RuleAction", action if isinstance(action, str) else "score"),
            tag=clean_line(self._input("tag").value),
            points=points,
            enabled=self.query_one("#rule-enabled", Checkbox).value,
        )
        problems.extend(validate_rule(rule))
        if problems:
            raise ValueError("\n".join(problems))
        return rule

    @on(Button.Pressed, "#rule-save")
    def action_save(self) -> None:
        try:
            rule = self.rule_from_form()
        except ValueError as err:
            self.say(_("Not saved:") + f"\n{err}", error=True)
            return
        self.rules = [r for r in self.rules if r.id != rule.id] + [rule]
        self.selected = rule.id

        def saved(_result: None) -> None:
            self.changed = True
            self.say(
                _("Saved rule {name}. Jobs are rescored when you close this.").format(
                    name=rule.name
                )
            )

        self.writes.save(rule, saved)
        self._show_list()

    @on(Button.Pressed, "#rule-new")
    def new_rule(self) -> None:
        self.selected = None
        for name in (
            "name",
            "include",
            "exclude",
            "skills",
            "allow_countries",
            "block_countries",
            "conditions",
            "min_fixed",
            "min_hourly",
            "tag",
        ):
            self._input(name).value = ""
        self._input("points").value = "10"
        self.query_one("#rule-action", Select).value = "score"
        self.query_one("#rule-enabled", Checkbox).value = True
        self._input("name").focus()

    @on(Button.Pressed, "#rule-delete")
    def delete_rule(self) -> None:
        rule = next((r for r in self.rules if r.id == self.selected), None)
        if rule is None:
            self.say(_("Pick a rule in the list first."), error=True)
            return
        self.rules.remove(rule)

        def deleted(_result: bool) -> None:
            self.changed = True
            self.say(_("Deleted rule {name}.").format(name=rule.name))

        self.writes.delete(rule.id, deleted)
        self.new_rule()
        self._show_list()

    @on(Button.Pressed, "#rules-close")
    def action_close(self) -> None:
        self.dismiss(self.changed)
