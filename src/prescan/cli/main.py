"""`prescan` entry point: the group, --version, and the one place that maps
errors to messages and exit codes."""
from __future__ import annotations

import sys

import click

from prescan import __version__
from prescan.errors import EXIT_ERROR, PrescanError


def _version_text() -> str:
    from prescan._native import BACKEND
    return f"prescan {__version__} (native backend: {BACKEND})"


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PrescanError as exc:
            click.echo(f"prescan: error: {exc.one_line()}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("prescan: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
                 help="Show the version and the native backend, then exit.",
                 callback=lambda ctx, _p, v: (click.echo(_version_text()), ctx.exit()) if v else None)
def cli() -> None:
    """prescan: scan a change before it ships, at the depth an attacker probes it."""


def _register() -> None:
    from prescan.cli import bench, demo, diff, history, rules, scan
    cli.add_command(scan.scan)
    cli.add_command(diff.diff)
    cli.add_command(history.history)
    cli.add_command(rules.rules)
    cli.add_command(rules.explain)
    cli.add_command(demo.demo)
    cli.add_command(bench.bench)


_register()


def main() -> None:
    try:
        cli.main(prog_name="prescan", standalone_mode=True)
    except PrescanError as exc:       # raised while parsing options
        click.echo(f"prescan: error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
