"""beiancli: command-line filing assistant for China ICP website filing (ICP备案)."""

__version__ = "0.1.0"
