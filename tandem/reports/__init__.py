"""Reports (PRODUCT.md F11): a program's dashboard and exports for its managers, each person's
own progress, and the one-question pulse behind a program's NPS.

It sits above programs in the layering: it reads programs, meetings and mentorships and
writes only its own pulses.
"""
