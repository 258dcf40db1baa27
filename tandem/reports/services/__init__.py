"""Writes the reports app owns: pulses sent and answered, a manager's check-in on a pair."""
