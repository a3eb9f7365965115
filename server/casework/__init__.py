"""Casework: deadlines, the escalation ladder, complaint letters and export bundles.

Pure functions over the case store's JSON form; nothing here touches the keyring.
"""
