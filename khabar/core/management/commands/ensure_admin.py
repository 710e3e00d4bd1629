"""``khabar ensure_admin``: the former name of ``khabar ensure-admin``, kept so existing scripts go on working."""

from importlib import import_module

Command = import_module("khabar.core.management.commands.ensure-admin").Command
