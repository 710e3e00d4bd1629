"""Khabar (خبر): an Arabic-first newsroom and publishing platform."""
