class UserError(Exception):
    """A mistake the user can fix: printed as one line, without a traceback."""
