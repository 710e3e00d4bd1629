"""``khabar desk_alerts``: the former name of ``khabar desk-alerts``, kept so existing scripts go on working."""

from importlib import import_module

Command = import_module("khabar.desk.management.commands.desk-alerts").Command
