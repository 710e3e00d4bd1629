"""``khabar load_demo``: the former name of ``khabar load-demo``, kept so existing scripts go on working."""

from importlib import import_module

Command = import_module("khabar.loading.management.commands.load-demo").Command
