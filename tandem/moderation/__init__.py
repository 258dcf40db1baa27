"""Moderation: people block or mute each other and report what is inappropriate; staff act.

It sits just above accounts so every app that asks, suggests or notifies can check a block.
Content that lives in higher apps (an ask, a message, a profile) is reported through the
services here with a snapshot of what was seen; those apps register how their content is
removed (see `removal.py`), so this app never imports them.
"""
