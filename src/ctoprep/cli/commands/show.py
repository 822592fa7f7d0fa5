"""``ctoprep show [ID]``: one resolved framework, for people (text) and scripts (``--json``)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ctoprep.core.models.framework import Framework
    from ctoprep.core.models.questions import QuestionBank


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "show",
        description=(
            "Print one framework: its categories, areas and skills with descriptions, the rating scale, target "
            "profiles, the exam blueprint and the PD catalog. --json gives all of it as one JSON document for "
            "scripts."
        ),
        help="print one framework: areas, skills, scale, profiles, blueprint, catalog",
    )
    p.add_argument("id", nargs="?", help="framework id (default: the bundled CoSN framework)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--no-questions", action="store_true", help="do not load the question banks")
    p.set_defaults(func=run)


def framework_json(framework: Framework, bank: QuestionBank | None) -> dict[str, Any]:
    from ctoprep.core.models.framework_json import to_json_dict

    data = to_json_dict(framework)
    if bank is not None:
        data["questions"] = [q.model_dump(mode="json") for q in bank.questions]
    return data


def run(args: argparse.Namespace) -> int:
    from ctoprep.cli import output
    from ctoprep.services.content import Library

    library = Library(args.home)
    framework = library.framework(args.id)
    bank = None if args.no_questions else library.questions(framework)
    if args.json:
        output.print_json(framework_json(framework, bank))
        return 0
    print_framework(framework, bank)
    return 0


def print_framework(framework: Framework, bank: QuestionBank | None) -> None:
    from collections import Counter

    from rich.table import Table
    from rich.text import Text
    from rich.tree import Tree

    from ctoprep.cli import output

    console = output.out()
    console.print(Text(f"{framework.title}  ({framework.id} {framework.version})", style="bold"))
    if framework.source:
        console.print(Text(f"Source: {framework.source}"))
    if framework.attribution:
        console.print(Text(framework.attribution, style="dim"))
    console.print()

    per_skill: Counter[str] = Counter()
    if bank is not None:
        for q in bank.questions:
            per_skill.update(q.skills)
    weights = framework.blueprint.area_weights if framework.blueprint else {}
    tree = Tree(Text("Categories, skill areas and skills", style="bold"))
    for cat in framework.categories:
        node = tree.add(Text(f"{cat.code} {cat.title}".strip(), style="bold"))
        for area in cat.areas:
            label = f"{area.title}  [{area.id}]"
            if area.id in weights:
                label += f"  {weights[area.id]:g}% of exam"
            if area.pd_focuses:
                label += f"  focus: {', '.join(area.pd_focuses)}"
            anode = node.add(Text(label))
            for skill in area.skills:
                extra = f"  ({per_skill[skill.id]} questions)" if bank is not None else ""
                anode.add(Text(f"{skill.id}  {skill.title}{extra}"))
    console.print(tree)

    scale = Table(title=f"Scale: {framework.scale.title}", title_justify="left")
    scale.add_column("level")
    scale.add_column("label")
    scale.add_column("meaning")
    for level in framework.scale.levels:
        scale.add_row(Text(str(level.value)), Text(level.label), Text(level.descriptor))
    console.print(scale)

    if framework.core_values:
        console.print(Text("Core values (optional rating set): " + ", ".join(v.title for v in framework.core_values)))
    if framework.profiles:
        profiles = Table(title="Target profiles", title_justify="left")
        for col in ("id", "title", "targets"):
            profiles.add_column(col)
        for p in framework.profiles:
            mark = " (default)" if p.default else ""
            profiles.add_row(Text(p.id), Text(p.title + mark), Text(f"{len(p.skill_targets)} skills"))
        console.print(profiles)
    if framework.blueprint:
        bp = framework.blueprint
        console.print(
            Text(
                f"Exam blueprint: {bp.title}: {bp.item_count} items, {bp.time_limit_minutes} minutes, "
                f"scale {bp.score_min}-{bp.score_max}, pass {bp.pass_score}"
            )
        )
        for ca in bp.content_areas:
            console.print(Text(f"  {ca.id}. {ca.title}: {ca.weight:g}%"))
    acts = framework.catalogue.activities
    if acts:
        free = sum(1 for a in acts if a.cost_usd == 0)
        console.print(Text(f"PD catalog: {len(acts)} activities ({free} free)"))
    if bank is not None:
        console.print(Text(f"Question bank: {len(bank.questions)} questions in {len(bank.source_files)} files"))
